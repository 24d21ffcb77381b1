using System.CommandLine;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Tool.Commands;

/// <summary><c>dagger up</c>: run a plan and print its outputs.</summary>
internal static class UpCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, CliContext context)
    {
        var plan = new Option<string>("--plan", "-p")
        {
            Description = "The folder of the plan: a CUE package in a CUE module (the current directory by default).",
            DefaultValueFactory = _ => ".",
        };
        var options = new RunOptions();
        var force = new Option<bool>("--force", "-f") { Description = "With an environment: run even when required inputs are not set (what needs them is skipped)." };
        var noWait = new Option<bool>("--no-wait") { Description = "With an environment: fail at once (DAG6008) when another run holds its lock, instead of waiting." };
        var command = new Command(
            "up",
            "Run every pipeline of the plan that can run, in one BuildKit session, then print the plan's outputs "
            + "(values marked @dagger(output) or dagger.#Output). "
            + "With -e NAME (or in a project that has environments, without --plan), run that environment: its plan and inputs "
            + "(inputs given here override them for this run), refusing while required inputs are missing (unless --force); then "
            + "write state/computed.json and a record in state/history/. "
            + "Pipelines that are not concrete are skipped with a warning that names "
            + "what they wait for. Errors read FILE:LINE:COL: error DAGnnnn: MESSAGE (docs/errors.md explains each code); "
            + "--log-format json writes the event stream of docs/events.md. Exit code: 0, 1, 2 for a bad command line, "
            + "130 when cancelled, or the failing command's own exit code.");
        command.Options.Add(plan);
        command.Options.Add(force);
        command.Options.Add(noWait);
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var environment = SelectEnvironment(parse, plan, context);
            var environmentOptions = new Dagger.Runtime.Engine.Environments.EnvironmentRunOptions
            {
                Keys = ProjectOptions.Keys(context),
                Force = parse.GetValue(force),
                NoWait = parse.GetValue(noWait),
            };
            var (outcome, exitCode) = await PlanRun.RunAsync(
                options, parse, Path.GetFullPath(parse.GetValue(plan)!, context.CurrentDirectory), "up", stdout, stderr, context.ErrorTerminal, cancellationToken, environment, environmentOptions).ConfigureAwait(false);
            if (outcome is { Result: RunResult.Success, Outputs.Count: > 0 } done)
            {
                // The original's table: the description column only when some output has a doc comment.
                var width = Math.Max("Output".Length, done.Outputs.Max(o => o.Path.Length));
                var values = done.Outputs.Select(o => o.Json ?? o.Cue).ToList();
                var described = done.Outputs.Any(o => o.Description is not null);
                var valueWidth = Math.Max("Value".Length, values.Max(v => v.Length));
                await stdout.WriteLineAsync(described ? $"{"Output".PadRight(width)}  {"Value".PadRight(valueWidth)}  Description" : $"{"Output".PadRight(width)}  Value").ConfigureAwait(false);
                for (var i = 0; i < done.Outputs.Count; i++)
                {
                    var output = done.Outputs[i];
                    var line = described
                        ? $"{output.Path.PadRight(width)}  {values[i].PadRight(valueWidth)}  {output.Description?.Split('\n')[0]}"
                        : $"{output.Path.PadRight(width)}  {values[i]}";
                    await stdout.WriteLineAsync(line.TrimEnd()).ConfigureAwait(false);
                }
            }

            return exitCode;
        });
        return command;
    }

    // An environment runs when -e names one, or when no --plan is given inside a project that has environments.
    private static Dagger.Runtime.Engine.Environments.DaggerEnvironment? SelectEnvironment(ParseResult parse, Option<string> plan, CliContext context)
    {
        var named = parse.GetValue(ProjectOptions.Environment);
        if (named is null && parse.GetResult(plan) is { Implicit: false })
        {
            return null;
        }

        var project = parse.GetValue(ProjectOptions.Project) is { } given
            ? Dagger.Runtime.Engine.Environments.DaggerProject.Open(given, context.CurrentDirectory)
            : Dagger.Runtime.Engine.Environments.DaggerProject.Find(context.CurrentDirectory);
        if (project is null)
        {
            return named is null ? null : ProjectOptions.OpenProject(parse, context).Select(named);
        }

        return named is null && project.EnvironmentNames().Count == 0 ? null : project.Select(named);
    }
}
