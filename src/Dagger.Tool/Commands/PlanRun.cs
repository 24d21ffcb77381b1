using System.CommandLine;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Environments;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Runs;
using Dagger.Tool.Rendering;

namespace Dagger.Tool.Commands;

/// <summary>What <c>up</c> and <c>compute</c> share: argv to a request, the engine's events to the renderer.</summary>
internal static class PlanRun
{
    /// <summary>
    /// Runs the plan the command line names, rendering its events on <paramref name="stderr"/> (the terminal
    /// <paramref name="terminal"/> when it is one), or prints the dry run's
    /// document on <paramref name="stdout"/>. A bad command line is reported like any other error, in the log format
    /// asked for, so that programs reading the event stream see it too.
    /// </summary>
    /// <returns>The outcome, or null when there was no run (a dry run, or a bad command line) and the exit code says
    /// all.</returns>
    public static async Task<(RunOutcome? Outcome, int ExitCode)> RunAsync(
        RunOptions options, ParseResult parse, string planDirectory, string command, TextWriter stdout, TextWriter stderr, Terminal? terminal, CancellationToken cancellationToken,
        DaggerEnvironment? environment = null, EnvironmentRunOptions? environmentOptions = null)
    {
        // Disposed before the command prints its result: the live view is finished by then.
        using var renderer = options.Renderer(parse, stderr, terminal);
        RunRequest request;
        try
        {
            // compute prints the plan with its computed values: the engine renders them for it.
            request = options.Request(parse, planDirectory) with { Command = command, WithComputedJson = command == "compute" };
            if (environment is not null && options.DryRun(parse))
            {
                // A dry run of an environment: its plan and inputs, those of the command line overriding them.
                var values = environment.Load();
                var (directory, package) = environment.PlanLocation(values);
                var overrides = request.Inputs.Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
                request = request with
                {
                    PlanDirectory = directory,
                    Package = package,
                    Inputs = [.. environment.PlanInputs(values, environmentOptions!.Keys).Where(i => !overrides.Contains(i.Path)), .. request.Inputs],
                    Environment = environment.Name,
                };
            }
        }
        catch (DaggerException e)
        {
            renderer.Render(new Diagnostic(e.ToError()));
            return (null, e.ExitCode);
        }

        if (options.DryRun(parse))
        {
            DryRunDocument document;
            try
            {
                document = await PlanRunner.DryRunAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (DaggerException e)
            {
                renderer.Render(new Diagnostic(e.ToError()));
                return (null, e.ExitCode);
            }

            await stdout.WriteLineAsync(document.ToJson()).ConfigureAwait(false);
            return (null, ExitCodes.Ok);
        }

        if (environment is not null)
        {
            try
            {
                var ran = await EnvironmentRunner.RunAsync(environment, request, environmentOptions!, renderer.Render, cancellationToken).ConfigureAwait(false);
                return (ran, ran.ExitCode);
            }
            catch (DaggerException e)
            {
                renderer.Render(new Diagnostic(e.ToError()));
                return (null, e.ExitCode);
            }
        }

        var outcome = await PlanRunner.RunAsync(request, renderer.Render, cancellationToken).ConfigureAwait(false);
        return (outcome, outcome.ExitCode);
    }
}
