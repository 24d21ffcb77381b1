using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>What the Dockerfile frontend produced: the graph of the image, not built yet, and its config.</summary>
/// <param name="State">The image's filesystem.</param>
/// <param name="ConfigJson">The image config (env, working directory, user, entrypoint…), when the frontend gave one.</param>
public sealed record BuiltImage(State State, ReadOnlyMemory<byte>? ConfigJson);
