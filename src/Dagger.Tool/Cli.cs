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

    /// <summary>The bound on the engine's first answers; see <see cref="EngineTimeout"/>.</summary>
    internal static readonly Option<double?> EngineTimeoutOption = new("--engine-timeout")
    {
        Description = "Seconds the engine may take to answer the connection before the run fails with DAG3001 "
            + "(default 30). It bounds connecting, not the run.",
        HelpName = "SECONDS",
        Recursive = true,
    };

    /// <summary>The <c>--engine-timeout</c> given, or the default.</summary>
    /// <exception cref="DaggerException"><see cref="ErrorCodes.Usage"/> for a value that is not a positive number of seconds.</exception>
    internal static TimeSpan EngineTimeout(ParseResult parse) => parse.GetValue(EngineTimeoutOption) switch
    {
        null => Dagger.Runtime.BuildKit.BuildKitClientOptions.DefaultConnectTimeout,
        > 0 and <= 86_400 and var seconds => TimeSpan.FromSeconds(seconds),
        var other => throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.EngineTimeoutNotPositive, other)),
    };

    /// <summary>
    /// How the command line is parsed: an argument starting with <c>@</c> is a value, not a response file to expand
    /// (the original dagger had none): <c>dagger input text handle @me</c> sets "@me", and <c>--input-string @./</c>
    /// is a usage error instead of an attempt to read a folder (found by the input-flags fuzz test).
    /// </summary>
    internal static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    internal static RootCommand Build(TextWriter stdout, TextWriter stderr, CliContext? context = null)
    {
        context ??= CliContext.Process();
        var root = new RootCommand(
            "Dagger for .NET runs delivery pipelines written in CUE on a BuildKit engine.\n"
            + "A pipeline is an ordinary CUE value; dagger compiles it to BuildKit's LLB and runs it.");
        root.Options.Add(EngineOption);
        root.Options.Add(EngineTimeoutOption);
        root.Options.Add(ProjectOptions.Project);
        root.Options.Add(ProjectOptions.Environment);
        root.Subcommands.Add(VersionCommand.Create(stdout));
        root.Subcommands.Add(EngineCommand.Create(stdout));
        root.Subcommands.Add(CueCommand.Create(stdout, stderr));
        root.Subcommands.Add(ComputeCommand.Create(stdout, stderr, context));
        root.Subcommands.Add(UpCommand.Create(stdout, stderr, context));
        root.Subcommands.Add(InitCommand.Create(stdout, context));
        root.Subcommands.Add(EnvironmentCommands.New(stdout, context));
        root.Subcommands.Add(EnvironmentCommands.List(stdout, context));
        root.Subcommands.Add(InputCommand.Create(stdout, stderr, context));
        root.Subcommands.Add(EnvironmentCommands.Output(stdout, context));
        root.Subcommands.Add(EnvironmentCommands.Query(stdout, context));
        root.Subcommands.Add(EnvironmentCommands.History(stdout, context));
        root.Subcommands.Add(DocCommand.Create(stdout));
        return root;
    }

    /// <summary>
    /// Every option not on the command line is read from <c>DAGGER_&lt;OPTION&gt;</c> when that is set, as the
    /// original did: <c>--log-format</c> from <c>DAGGER_LOG_FORMAT</c>, <c>-e</c> from <c>DAGGER_ENVIRONMENT</c>.
    /// </summary>
    /// <returns>The arguments to add.</returns>
    internal static List<string> FromVariables(ParseResult parse, Func<string, string?> variable)
    {
        var extra = new List<string>();
        var options = new List<Option>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            options.AddRange(result.Command.Options.Where(o => result == parse.CommandResult || o.Recursive));
        }

        foreach (var option in options.Distinct())
        {
            if (!option.Name.StartsWith("--", StringComparison.Ordinal) || option.Name is "--help" or "--version"
                || parse.GetResult(option) is { Implicit: false }
                || (option == ProjectOptions.Environment && parse.CommandResult.Command.Name == "new"))
            {
                continue;
            }

            var name = "DAGGER_" + option.Name[2..].ToUpperInvariant().Replace('-', '_');
            if (variable(name) is not { Length: > 0 } value)
            {
                continue;
            }

            if (option.ValueType == typeof(bool))
            {
                if (value is "1" or "true" or "TRUE" or "True")
                {
                    extra.Add(option.Name);
                }
            }
            else
            {
                extra.Add(option.Name);
                extra.Add(value);
            }
        }

        return extra;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command.</summary>
    /// <returns>The process exit code.</returns>
    internal static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CliContext? context = null)
    {
        context ??= CliContext.Process();
        // The first SIGINT or SIGTERM cancels the run, which then ends as it should (the solve cancelled in the engine,
        // run.completed written); a second one is not intercepted, so it stops a run whose cleanup hangs.
        using var cancel = new CancellationTokenSource();
        var interruptGrace = context.InterruptGrace;
        void OnSignal(PosixSignalContext context)
        {
            if (!cancel.IsCancellationRequested)
            {
                context.Cancel = true;
                cancel.Cancel();
                if (interruptGrace is { } grace)
                {
                    _ = Task.Delay(grace, CancellationToken.None).ContinueWith(
                        _ =>
                        {
                            stderr.WriteLine(Messages.Cancelled);
                            stderr.Flush();
                            Environment.Exit(ExitCodes.Cancelled);
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.None,
                        TaskScheduler.Default);
                }
            }
        }

        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            var root = Build(stdout, stderr, context);
            var parse = root.Parse(args, Parsing);
            if (parse.Errors.Count == 0 && FromVariables(parse, context.Variable) is { Count: > 0 } extra)
            {
                parse = root.Parse([.. args, .. extra], Parsing);
            }

            if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
            {
                foreach (var error in parse.Errors)
                {
                    await stderr.WriteLineAsync(Message.Format(Messages.UsageError, ErrorCodes.Usage.Id, error.Message)).ConfigureAwait(false);
                }

                await stderr.WriteLineAsync(Messages.UsageHint).ConfigureAwait(false);
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
            await stderr.WriteLineAsync(Messages.Cancelled).ConfigureAwait(false);
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
            await stderr.WriteLineAsync(Message.Format(Messages.InternalError, ErrorCodes.Internal.Id, e.GetType().Name, e.Message)).ConfigureAwait(false);
            await stderr.WriteLineAsync(Messages.ReportInternalError).ConfigureAwait(false);
            return ExitCodes.Internal;
        }
    }
}
