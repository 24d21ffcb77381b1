namespace Dagger.Runtime.Llb;

/// <summary>The result of <see cref="State.Run(ExecOptions)"/>: the root filesystem and the outputs of writable mounts.</summary>
public sealed class ExecState
{
    private readonly ExecVertex _exec;

    internal ExecState(State state, ExecVertex exec)
    {
        Base = state;
        _exec = exec;
        Root = exec.MountState("/");
    }

    /// <summary>The state the command ran on.</summary>
    public State Base { get; }

    /// <summary>The root filesystem after the command, with the exec context of the state it ran on.</summary>
    public State Root { get; }

    /// <summary>
    /// The filesystem at <paramref name="target"/> after the command. The result keeps the exec context of the mounted
    /// state; a read-only mount gives that state unchanged.
    /// </summary>
    /// <exception cref="LlbException">There is no mount at the target, or it has no output (cache, tmpfs, no-output).</exception>
    public State GetMount(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _exec.MountState(target);
    }
}
