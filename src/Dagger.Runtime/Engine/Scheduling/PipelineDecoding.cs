using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Scheduling;

/// <summary>A pipeline read from the plan: its ops when they are all concrete, or the paths that are not yet.</summary>
public sealed record PipelineDecoding
{
    private PipelineDecoding(IReadOnlyList<PipelineOp>? ops, IReadOnlyList<string> missing)
    {
        Ops = ops;
        Missing = missing;
    }

    /// <summary>The ops, when every one of them is concrete.</summary>
    public IReadOnlyList<PipelineOp>? Ops { get; }

    /// <summary>The non-concrete paths the pipeline waits for.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>A pipeline ready to compile.</summary>
    public static PipelineDecoding Ready(IReadOnlyList<PipelineOp> ops) => new(ops, []);

    /// <summary>A pipeline that waits for <paramref name="missing"/>.</summary>
    public static PipelineDecoding Waiting(IReadOnlyList<string> missing) => new(null, missing);
}
