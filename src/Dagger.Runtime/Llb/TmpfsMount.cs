namespace Dagger.Runtime.Llb;

/// <summary>An empty in-memory filesystem; it is never an output.</summary>
/// <param name="Target">The absolute path inside the container.</param>
public sealed record TmpfsMount(string Target) : ExecMount(Target);
