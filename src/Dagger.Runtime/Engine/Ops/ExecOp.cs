namespace Dagger.Runtime.Engine.Ops;

/// <summary><c>exec</c>: runs a command in the state.</summary>
/// <param name="Source">Where the op comes from.</param>
/// <param name="Args">The command and its arguments.</param>
public sealed record ExecOp(OpSource Source, IReadOnlyList<string> Args) : PipelineOp(Source)
{
    /// <summary>Environment variables, added to those of the state.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>The working directory; the state's (the image's, or a <c>workdir</c> op's) when null.</summary>
    public string? Dir { get; init; }

    /// <summary>Whether the exec runs every time, never from the cache.</summary>
    public bool Always { get; init; }

    /// <summary>The user; the state's when null.</summary>
    public string? User { get; init; }

    /// <summary>Extra <c>/etc/hosts</c> entries: host name → IP address.</summary>
    public IReadOnlyDictionary<string, string> Hosts { get; init; } = new Dictionary<string, string>();

    /// <summary>The mounts.</summary>
    public IReadOnlyList<ExecMountSpec> Mounts { get; init; } = [];

    /// <inheritdoc />
    public override string Kind => "exec";
}
