using System.CommandLine;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Tool.Commands;

/// <summary><c>dagger up</c>: run a plan and print its outputs.</summary>
internal static class UpCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var plan = new Option<string>("--plan", "-p")
        {
            Description = "The folder of the plan: a CUE package in a CUE module (the current directory by default).",
            DefaultValueFactory = _ => ".",
        };
        var options = new RunOptions();
        var command = new Command(
            "up",
            "Run every pipeline of the plan that can run, in one BuildKit session, then print the plan's outputs "
            + "(values marked @dagger(output) or dagger.#Output). Pipelines that are not concrete are skipped with a warning that names "
            + "what they wait for. Errors read FILE:LINE:COL: error DAGnnnn: MESSAGE (docs/errors.md explains each code); "
            + "--log-format json writes the event stream of docs/events.md. Exit code: 0, 1, 2 for a bad command line, "
            + "130 when cancelled, or the failing command's own exit code.");
        command.Options.Add(plan);
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (outcome, exitCode) = await PlanRun.RunAsync(options, parse, parse.GetValue(plan)!, "up", stdout, stderr, cancellationToken).ConfigureAwait(false);
            if (outcome is { Result: RunResult.Success, Outputs.Count: > 0 } done)
            {
                var width = Math.Max("Output".Length, done.Outputs.Max(o => o.Path.Length));
                await stdout.WriteLineAsync($"{"Output".PadRight(width)}  Value").ConfigureAwait(false);
                foreach (var output in done.Outputs)
                {
                    await stdout.WriteLineAsync($"{output.Path.PadRight(width)}  {output.Json ?? output.Cue}").ConfigureAwait(false);
                }
            }

            return exitCode;
        });
        return command;
    }
}
