using System.CommandLine;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Tool.Commands;

/// <summary><c>dagger compute DIR</c>: run a plan and print plan ⊕ inputs ⊕ computed values as one line of JSON.</summary>
internal static class ComputeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CliContext context)
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
            var (outcome, exitCode) = await PlanRun.RunAsync(options, parse, parse.GetValue(dir)!, "compute", stdout, stderr, context.ErrorTerminal, cancellationToken).ConfigureAwait(false);
            if (outcome is { Result: RunResult.Success, ComputedJson: { } computed })
            {
                await stdout.WriteLineAsync(computed).ConfigureAwait(false);
            }

            return exitCode;
        });
        return command;
    }
}
