using Dagger.Action.Commands;
using Dagger.Action.Errors;
using Dagger.Action.Inputs;
using Dagger.Action.Logging;

namespace Dagger.Action;

/// <summary>
/// The program's entry: <c>dagger-action</c> (or <c>run</c>) runs dagger and reports; <c>prepare</c> and
/// <c>install</c> are the install steps of <c>action.yml</c>. A failure the action can explain is one
/// <c>::error::</c> line with its code; nothing prints a stack trace unless <c>RUNNER_DEBUG</c> is 1.
/// </summary>
internal static class ActionProgram
{
    private static readonly string[] SecretInputs = ["token", "age-key"];

    /// <summary>Runs the command <paramref name="args"/> names, with everything it reads given.</summary>
    public static async Task<int> RunAsync(string[] args, ActionEnvironment environment, TextWriter stdout, ActionSettings settings, CancellationToken cancel, CancellationToken hardStop)
    {
        // Before the inputs are read, the error path still hides the secrets it may have been given.
        // One log for the whole program, so that an error always resumes the commands that a relay had stopped.
        var log = new LogWriter(stdout, new SecretMasker(SecretInputs.Select(n => environment.Get(InputReader.VariableName(n))).OfType<string>()), settings.StopTokens);
        try
        {
            return args switch
            {
                [] or ["run"] => await new RunCommand(environment, log, settings).ExecuteAsync(cancel, hardStop),
                ["prepare"] => await new InstallCommand(environment, log, settings).PrepareAsync(cancel),
                ["install"] => await new InstallCommand(environment, log, settings).InstallAsync(cancel),
                ["--help" or "-h"] => Help(stdout),
                _ => throw new ActionException(ActionCodes.InvalidInput, $"unknown command '{string.Join(' ', args)}': use run (the default), prepare or install"),
            };
        }
        catch (ActionException e)
        {
            log.Error(e.Code, e.Message);
            log.Close();
            return e.Code == ActionCodes.InvalidInput ? ExitCodes.BadInput : ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            log.Error("DAG4004", "cancelled");
            log.Close();
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.Error(ActionCodes.Internal, $"the action failed unexpectedly ({e.GetType().Name}: {e.Message}); please report it");
            if (environment.Get("RUNNER_DEBUG") == "1")
            {
                log.Text(e.ToString());
            }

            log.Close();
            return ExitCodes.Failure;
        }
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine("""
            dagger-action: the GitHub Action of Dagger for .NET.

              dagger-action [run]   run dagger with the action's inputs and report to GitHub
              dagger-action prepare decide how dagger is installed (step outputs: version, found, tool-dir, cache-key)
              dagger-action install install dagger into tool-dir unless it is on PATH, and add it to GITHUB_PATH

            Inputs come from INPUT_<NAME> variables (INPUT_PLAN, INPUT_CHECK-NAME, ...), the run from GITHUB_*.
            See the README's "GitHub Action" section.
            """);
        return ExitCodes.Success;
    }
}
