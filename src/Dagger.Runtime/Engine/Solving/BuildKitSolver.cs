using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Scheduling;
using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Solving;

/// <summary>
/// Solves for the scheduler in one build session. Several states are gathered into one definition, so that a wave
/// costs one solve: each file to read is copied to its own folder of a scratch result, and each side-effect state is
/// made a dependency of it by a copy that matches nothing, all in one file op. Reads always go through such a copy, named after the
/// export op, so that a missing file fails that vertex and is attributed to the op.
/// When the engine fails a solve only because it was too busy (see <see cref="BuildError.IsContention"/>), the solve is
/// run again in a new build, with a DAG4008 warning; what was built already comes from the cache.
/// </summary>
public sealed class BuildKitSolver : ISolver
{
    private const string Nothing = "/.dagger-nothing-*";

    private readonly RenewableBuild build;
    private readonly VertexTable vertices;
    private readonly Action<RunEvent>? report;

    /// <summary>Solves in one session, which is never replaced: a failure from a busy engine is reported.</summary>
    /// <param name="session">The run's build session.</param>
    /// <param name="vertices">Learns the ops of every definition solved, and attributes failures to them.</param>
    public BuildKitSolver(BuildSession session, VertexTable vertices)
        : this(RenewableBuild.Of(session), vertices, null)
    {
    }

    /// <summary>Solves in <paramref name="build"/>'s session, renewing it to retry a solve the engine was too busy for.</summary>
    /// <param name="build">The run's build.</param>
    /// <param name="vertices">Learns the ops of every definition solved, and attributes failures to them.</param>
    /// <param name="report">Receives the DAG4008 warning of each retry.</param>
    public BuildKitSolver(RenewableBuild build, VertexTable vertices, Action<RunEvent>? report)
    {
        this.build = build ?? throw new ArgumentNullException(nameof(build));
        this.vertices = vertices ?? throw new ArgumentNullException(nameof(vertices));
        this.report = report;
    }

    /// <inheritdoc />
    /// <exception cref="Runs.RunFailedException">An op failed on the engine.</exception>
    /// <exception cref="Diagnostics.DaggerException">The connection to the engine broke (DAG3003).</exception>
    public async Task<IReadOnlyList<byte[]>> SolveAsync(IReadOnlyList<FileRead> reads, IReadOnlyList<State> effects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(effects);
        try
        {
            if (!build.CanRenew)
            {
                return await SolveOnceAsync(build.Current, reads, effects, cancellationToken).ConfigureAwait(false);
            }

            return await SolveRetry.RunAsync(
                ct => SolveOnceAsync(build.Current, reads, effects, ct),
                async (attempt, failure, ct) =>
                {
                    report?.Invoke(new Diagnostic(
                        new Diagnostics.DaggerError(
                            Diagnostics.ErrorCodes.SolveRetried,
                            Diagnostics.Message.Format(Diagnostics.Messages.SolveRetried, reads.Count, effects.Count, failure.Error!.Message, attempt, SolveRetry.MaxAttempts),
                            null),
                        EventLevel.Warn));
                    await build.RenewAsync(ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (BuildFailedException e)
        {
            throw BuildFailures.Attribute(e, vertices);
        }
        catch (EngineConnectionLostException e)
        {
            throw new Diagnostics.DaggerException(Diagnostics.ErrorCodes.EngineLost, Diagnostics.Message.Format(Diagnostics.Messages.EngineConnectionLost, e.Message), null, e);
        }
    }

    private async Task<IReadOnlyList<byte[]>> SolveOnceAsync(BuildSession session, IReadOnlyList<FileRead> reads, IReadOnlyList<State> effects, CancellationToken cancellationToken)
    {
        if (reads.Count + effects.Count == 0)
        {
            return [];
        }

        if (reads.Count == 0 && effects.Count == 1)
        {
            await session.SolveAsync(Learn(effects[0].Marshal()), evaluate: true, cancellationToken).ConfigureAwait(false);
            return [];
        }

        // Each read is its own small copy, named after its export op; then one file op gathers them all. A chain of
        // file ops, one a read, stacks a snapshot layer a read, and BuildKit refuses a few hundred ("max depth exceeded").
        FileAction? gather = null;
        for (var i = 0; i < reads.Count; i++)
        {
            var read = State.Scratch.File(
                FileAction.Copy(reads[i].State, reads[i].Path, ReadPath(i), new CopyOptions { CreateDestPath = true }),
                new OpOptions { CustomName = $"export {reads[i].Path}", Tag = reads[i].Op });
            gather = Then(gather, read, ReadPath(i), ReadPath(i), new CopyOptions { CreateDestPath = true });
        }

        for (var i = 0; i < effects.Count; i++)
        {
            gather = Then(gather, effects[i], Nothing, "/", new CopyOptions { AllowWildcard = true, AllowEmptyWildcard = true });
        }

        var gathered = State.Scratch.File(gather!, new OpOptions { CustomName = $"gather {reads.Count} exports and {effects.Count} pipelines" });
        var result = await session.SolveAsync(Learn(gathered.Marshal()), evaluate: true, cancellationToken).ConfigureAwait(false);
        var files = await Task.WhenAll(Enumerable.Range(0, reads.Count).Select(async i =>
            (await session.ReadFileAsync(result, ReadPath(i), cancellationToken: cancellationToken).ConfigureAwait(false)).ToArray())).ConfigureAwait(false);
        return files;
    }

    private static string ReadPath(int index) => $"/{index}/content";

    private static FileAction Then(FileAction? chain, State source, string src, string dest, CopyOptions options) =>
        chain is null ? FileAction.Copy(source, src, dest, options) : chain.ThenCopy(source, src, dest, options);

    private Llb.Pb.Definition Learn(LlbDefinition definition)
    {
        vertices.Add(definition);
        return definition.ToProto();
    }
}
