using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>
/// The pipeline; or the other pipeline it waits for because that one cannot be compiled yet; or the side effect to
/// perform first.
/// </summary>
public sealed record CompileResult
{
    private CompileResult(CompiledPipeline? pipeline, PipelineReference? waitingFor, string? deferred = null, ImageEffect? effect = null)
    {
        Pipeline = pipeline;
        WaitingFor = waitingFor;
        Deferred = deferred;
        Effect = effect;
    }

    /// <summary>The compiled pipeline, when ready.</summary>
    public CompiledPipeline? Pipeline { get; }

    /// <summary>The referenced pipeline that is not ready yet.</summary>
    public PipelineReference? WaitingFor { get; }

    /// <summary>
    /// Why the pipeline cannot be compiled without acting on the engine (an image op in a dry run), when that is
    /// what stops it.
    /// </summary>
    public string? Deferred { get; }

    /// <summary>
    /// The side effect to perform before the pipeline compiles further: everything it uses is ready, and the rest of
    /// it needs the effect's result (a pushed image's digest, a saved tarball).
    /// </summary>
    public ImageEffect? Effect { get; }

    /// <summary>A compiled pipeline.</summary>
    public static CompileResult Ready(CompiledPipeline pipeline) => new(pipeline, null);

    /// <summary>A pipeline that waits for <paramref name="reference"/>.</summary>
    public static CompileResult Waiting(PipelineReference reference) => new(null, reference);

    /// <summary>A pipeline that needs <paramref name="effect"/> performed before it compiles further.</summary>
    public static CompileResult Needs(ImageEffect effect) => new(null, null, null, effect);

    /// <summary>A pipeline that only a run can compile, because of <paramref name="reason"/>.</summary>
    public static CompileResult DeferredBy(string reason) => new(null, null, reason);
}
