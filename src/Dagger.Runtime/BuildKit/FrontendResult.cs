using Dagger.Runtime.Llb;

namespace Dagger.Runtime.BuildKit;

/// <summary>What a frontend returned.</summary>
/// <param name="Result">The result, for reads.</param>
/// <param name="Definition">The graph that produces the result, to build on it; null when the engine does not say.</param>
/// <param name="Metadata">The result's metadata, such as <c>containerimage.config</c> (the image config JSON).</param>
public sealed record FrontendResult(SolveResult Result, LlbDefinition? Definition, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Metadata);
