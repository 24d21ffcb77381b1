using System.CommandLine;
using Dagger.Runtime.Engine.Plans;
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
            + "what they wait for. Exit code: 0, 1, or the failing command's own exit code.");
        command.Options.Add(plan);
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = options.Request(parse, parse.GetValue(plan)!);
            if (options.DryRun(parse))
            {
                await PlanRun.DryRunAsync(request, stdout, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var result = await PlanRun.RunAsync(request, options.JsonLogs(parse), stderr, cancellationToken).ConfigureAwait(false);
            var outputs = PlanOutputs.Find(result.Plan.Root);
            if (outputs.Count > 0)
            {
                var redactor = PlanRunner.RedactorFor(request);
                var width = Math.Max("Output".Length, outputs.Max(o => o.Path.Length));
                await stdout.WriteLineAsync($"{"Output".PadRight(width)}  Value").ConfigureAwait(false);
                foreach (var output in outputs)
                {
                    await stdout.WriteLineAsync($"{output.Path.PadRight(width)}  {redactor.Redact(output.Json ?? output.Cue)}").ConfigureAwait(false);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
