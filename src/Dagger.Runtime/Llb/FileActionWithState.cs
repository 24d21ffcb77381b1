namespace Dagger.Runtime.Llb;

/// <summary>A file action chain bound to the state it applies to; see <see cref="FileAction.WithState"/>.</summary>
public sealed class FileActionWithState
{
    internal FileActionWithState(BoundFileAction bound) => Bound = bound;

    internal BoundFileAction Bound { get; }
}
