using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Runs;
using Dagger.Runtime.Engine.Scheduling;

namespace Dagger.Tool.Commands;

/// <summary>Runs a request and turns the engine's failures into user errors with the right exit code.</summary>
internal static class PlanRun
{
    public static async Task<RunResult> RunAsync(RunRequest request, bool jsonLogs, TextWriter stderr, CancellationToken cancellationToken)
    {
        var redactor = new Redactor(request.Inputs.OfType<SecretInput>().Select(s => s.Value));
        var renderer = new EventRenderer(stderr, redactor, jsonLogs);
        try
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = await PlanRunner.RunAsync(request, renderer.Render, cancellationToken).ConfigureAwait(false);
            renderer.Completed(result.Report, System.Diagnostics.Stopwatch.GetElapsedTime(start));
            return result;
        }
        catch (RunFailedException e)
        {
            // A failing exec's own exit code is the process's, where it fits one.
            throw new UserException(redactor.Redact(e.Message), e.ExitCode is > 0 and < 126 ? e.ExitCode.Value : ExitCodes.Failure);
        }
        catch (Exception e) when (e is PlanException or OpException or BuildFailedException or EngineConnectionException)
        {
            throw new UserException(redactor.Redact(e.Message));
        }
    }
}
