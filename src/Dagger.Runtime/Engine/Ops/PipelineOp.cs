namespace Dagger.Runtime.Engine.Ops;

/// <summary>One concrete op of a pipeline (<c>#up</c>), decoded from CUE and dispatched on its <c>do</c> field.</summary>
/// <param name="Source">Where the op comes from, for vertex names and errors.</param>
public abstract record PipelineOp(OpSource Source)
{
    /// <summary>The op's <c>do</c> value.</summary>
    public abstract string Kind { get; }

    /// <summary>The op's source with its kind: what the LLB it makes is tagged with.</summary>
    public OpSource Origin => Source.Kind == Kind ? Source : Source with { Kind = Kind };
}
