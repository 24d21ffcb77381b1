namespace Dagger.Runtime.Llb;

/// <summary>A filesystem mounted into an exec at an absolute <see cref="Target"/>.</summary>
/// <param name="Target">The absolute path inside the container.</param>
public abstract record ExecMount(string Target);
