using System.CommandLine;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Tool.Commands;

/// <summary><c>dagger compute DIR</c>: run a plan and print plan ⊕ inputs ⊕ computed values as one line of JSON.</summary>
internal static class ComputeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("DIR") { Description = "The folder of the plan: a CUE package in a CUE module." };
        var options = new RunOptions();
        var command = new Command(
            "compute",
            "Run every pipeline of the plan in DIR that can run, then print the plan with its inputs and computed "
            + "values as one line of JSON: concrete regular fields only, keys sorted, no spaces. Pipelines that are "
            + "not concrete are skipped with a warning on stderr.");
        command.Arguments.Add(dir);
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = options.Request(parse, parse.GetValue(dir)!);
            if (options.DryRun(parse))
            {
                await PlanRun.DryRunAsync(request, stdout, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var result = await PlanRun.RunAsync(request, options.JsonLogs(parse), stderr, cancellationToken).ConfigureAwait(false);
            // A value that holds a secret (a plan exported one) is hidden like in the logs: stdout lands in CI logs too.
            await stdout.WriteLineAsync(PlanRunner.RedactorFor(request).Redact(ComputedJson.Render(result.Plan.Root))).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
