using System.CommandLine;
using System.Runtime.InteropServices;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Tool.Commands;
using Dagger.Tool.Rendering;

namespace Dagger.Tool;

/// <summary>Builds the command tree and runs it, turning every failure into a message and an exit code.</summary>
internal static class Cli
{
    /// <summary>Options shared by every command.</summary>
    internal static readonly Option<string?> EngineOption = new("--engine")
    {
        Description = "The BuildKit engine to use: unix://, tcp:// or docker-container:// for a buildkitd, "
            + "'docker' or docker+unix://PATH for a Docker Engine. Defaults to $BUILDKIT_HOST, then $DOCKER_HOST, "
            + "then /var/run/docker.sock.",
        Recursive = true,
    };

    internal static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "Dagger for .NET runs delivery pipelines written in CUE on a BuildKit engine.\n"
            + "A pipeline is an ordinary CUE value; dagger compiles it to BuildKit's LLB and runs it.");
        root.Options.Add(EngineOption);
        root.Subcommands.Add(VersionCommand.Create(stdout));
        root.Subcommands.Add(EngineCommand.Create(stdout));
        root.Subcommands.Add(CueCommand.Create(stdout, stderr));
        root.Subcommands.Add(ComputeCommand.Create(stdout, stderr));
        root.Subcommands.Add(UpCommand.Create(stdout, stderr));
        root.Subcommands.Add(InitCommand.Create(stdout));
        root.Subcommands.Add(DocCommand.Create(stdout));
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command.</summary>
    /// <returns>The process exit code.</returns>
    internal static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // The first SIGINT or SIGTERM cancels the run, which then ends as it should (the solve cancelled in the engine,
        // run.completed written); a second one is not intercepted, so it stops a run whose cleanup hangs.
        using var cancel = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            if (!cancel.IsCancellationRequested)
            {
                context.Cancel = true;
                cancel.Cancel();
            }
        }

        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            var parse = Build(stdout, stderr).Parse(args);
            if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
            {
                foreach (var error in parse.Errors)
                {
                    await stderr.WriteLineAsync($"dagger: error {ErrorCodes.Usage.Id}: {error.Message}").ConfigureAwait(false);
                }

                await stderr.WriteLineAsync("Run 'dagger --help' for usage.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var config = new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,

                // Signals are ours (above): System.CommandLine would otherwise end the process two seconds after one,
                // before the run has said how it ended.
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(config, cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("dagger: cancelled").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (DaggerException e)
        {
            await stderr.WriteLineAsync(PlainRenderer.Problem(e.ToError())).ConfigureAwait(false);
            return e.ExitCode;
        }
#pragma warning disable CA1031 // The last line of defence: no stack trace ever reaches the user.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"dagger: error {ErrorCodes.Internal.Id}: internal error: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync("Please report this with the command that caused it.").ConfigureAwait(false);
            return ExitCodes.Internal;
        }
    }
}
