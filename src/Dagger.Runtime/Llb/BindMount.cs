namespace Dagger.Runtime.Llb;

/// <summary>
/// The filesystem of another state mounted at <paramref name="Target"/>. Unless read-only or <see cref="NoOutput"/>, the
/// exec produces the mount's content after the command as an output, available through <see cref="ExecState.GetMount"/>.
/// </summary>
/// <param name="Target">The absolute path inside the container.</param>
/// <param name="Source">The state whose filesystem is mounted; scratch mounts an empty directory.</param>
public sealed record BindMount(string Target, State Source) : ExecMount(Target)
{
    /// <summary>Mount only this path of the source (BuildKit's selector), e.g. <c>/src</c>.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Mount read-only.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Writable, but the changes are discarded instead of becoming an output.</summary>
    public bool NoOutput { get; init; }
}
