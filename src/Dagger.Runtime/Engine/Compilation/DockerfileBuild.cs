using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>A request to BuildKit's <c>dockerfile.v0</c> frontend.</summary>
/// <param name="Context">The build context (the frontend's <c>context</c> input).</param>
/// <param name="Dockerfile">The filesystem holding the Dockerfile (its <c>dockerfile</c> input).</param>
/// <param name="Options">The frontend options: <c>filename</c>, <c>target</c>, <c>build-arg:*</c>, <c>label:*</c>, <c>platform</c>…</param>
/// <param name="Op">The docker-build op: the frontend's vertices are attributed to it.</param>
public sealed record DockerfileBuild(State Context, State Dockerfile, IReadOnlyDictionary<string, string> Options, Ops.OpSource Op);
