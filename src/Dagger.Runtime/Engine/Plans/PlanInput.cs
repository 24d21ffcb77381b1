namespace Dagger.Runtime.Engine.Plans;

/// <summary>A value the user supplies for the plan, unified at a CUE path before the run.</summary>
/// <param name="Path">The dot-separated CUE path; empty for the root (JSON and YAML only).</param>
public abstract record PlanInput(string Path);

/// <summary>A string.</summary>
public sealed record TextInput(string Path, string Text) : PlanInput(Path);

/// <summary>A boolean.</summary>
public sealed record BoolInput(string Path, bool Value) : PlanInput(Path);

/// <summary>A JSON document, decoded.</summary>
public sealed record JsonInput(string Path, string Json) : PlanInput(Path);

/// <summary>A YAML document, decoded.</summary>
public sealed record YamlInput(string Path, string Yaml) : PlanInput(Path);

/// <summary>The bytes of a file, as CUE bytes.</summary>
public sealed record FileInput(string Path, string File) : PlanInput(Path);

/// <summary>A local directory, which becomes an artifact whose pipeline copies it in (<c>local</c>).</summary>
public sealed record DirectoryInput(string Path, string Directory, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude) : PlanInput(Path);

/// <summary>A git checkout, which becomes an artifact whose pipeline fetches it (<c>fetch-git</c>, then <c>subdir</c>).</summary>
public sealed record GitInput(string Path, string Remote, string Ref = "HEAD", string? Subdir = null) : PlanInput(Path);

/// <summary>
/// A secret. The plan only sees an opaque reference (<c>dagger.#Secret</c>); the plaintext is served to the engine by
/// the session and never enters CUE, the LLB or the logs.
/// </summary>
public sealed record SecretInput(string Path, string Value) : PlanInput(Path)
{
    /// <summary>The secret's id: derived from its path, so that nothing of the value leaks.</summary>
    public string Id => "dagger-secret:" + Path;

    /// <inheritdoc />
    public override string ToString() => $"SecretInput {{ Path = {Path} }}";
}

/// <summary>
/// A local unix socket (such as <c>/var/run/docker.sock</c>), which the plan sees as an opaque <c>dagger.#Stream</c>
/// and an exec mounts with <c>mount: "/path": stream: S</c>.
/// </summary>
public sealed record SocketInput(string Path, string Socket) : PlanInput(Path)
{
    /// <summary>The stream's id: derived from its path.</summary>
    public string Id => "dagger-socket:" + Path;
}
