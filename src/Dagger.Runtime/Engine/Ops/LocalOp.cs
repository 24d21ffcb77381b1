namespace Dagger.Runtime.Engine.Ops;

/// <summary><c>local</c>: copies a directory of the client into the state.</summary>
/// <param name="Source">Where the op comes from.</param>
/// <param name="Dir">The absolute path of the directory on the client.</param>
/// <param name="Include">Only files matching these patterns are copied; all when empty.</param>
/// <param name="Exclude">Files matching these patterns are not copied; <c>.dagger/</c> never is.</param>
public sealed record LocalOp(OpSource Source, string Dir, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude) : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "local";
}
