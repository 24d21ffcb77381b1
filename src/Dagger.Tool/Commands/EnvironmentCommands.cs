using System.CommandLine;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Environments;

namespace Dagger.Tool.Commands;

/// <summary><c>dagger new</c>, <c>dagger list</c>, <c>dagger output list</c>, <c>dagger query</c> and <c>dagger history</c>.</summary>
internal static class EnvironmentCommands
{
    public static Command New(TextWriter stdout, CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The environment's name (a folder name: letters, digits, - and _)." };
        var package = new Option<string?>("--package", "-p")
        {
            Description = "The CUE package of the plan: a folder of the project (./ci, kept as ./relative) or an import path (alpha.dagger.io/…). The project's root by default.",
        };
        var platform = new Option<string?>("--platform") { Description = "The platform the environment runs on (os/arch, such as linux/amd64); the engine's own by default." };
        var command = new Command("new", "Create an environment: .dagger/env/NAME/values.yaml (its plan, platform and inputs; commit it) and a .gitignore that keeps its state/ out of git.")
        {
            name, package, platform,
        };
        command.SetAction(parse =>
        {
            if (parse.GetResult(ProjectOptions.Environment) is { Implicit: false })
            {
                throw new DaggerException(ErrorCodes.Usage, Messages.NewTakesTheName);
            }

            if (parse.GetValue(platform) is { } p)
            {
                _ = RunOptions.ParsePlatform(p);
            }

            var project = ProjectOptions.OpenProject(parse, context);
            var environment = project.Create(parse.GetValue(name)!, parse.GetValue(package), parse.GetValue(platform));
            stdout.WriteLine(Message.Format(Messages.EnvironmentCreated, Path.GetRelativePath(context.CurrentDirectory, environment.ValuesPath), environment.Name));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command List(TextWriter stdout, CliContext context)
    {
        var command = new Command("list", "List the project's environments: NAME, a tab, and its folder (the home folder shown as ~). Prints nothing when there are none.");
        command.SetAction(parse =>
        {
            var project = ProjectOptions.OpenProject(parse, context);
            var home = context.Variable("HOME");
            foreach (var name in project.EnvironmentNames())
            {
                var dir = Path.Combine(project.EnvironmentsDirectory, name);
                if (home is { Length: > 1 } && dir.StartsWith(home + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    dir = "~" + dir[home.Length..];
                }

                stdout.WriteLine($"{name}\t{dir}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Output(TextWriter stdout, CliContext context)
    {
        var list = new Command("list", "List the plan's outputs (values marked @dagger(output) or dagger.#Output) with their values from the last run: Output, Value, Description.");
        list.SetAction(parse =>
        {
            var environment = ProjectOptions.Select(parse, context);
            var outputs = EnvironmentInputs.Outputs(environment, ProjectOptions.Keys(context));
            ProjectOptions.Table(stdout, ["Output", "Value", "Description"], [.. outputs.Select(o => (IReadOnlyList<string>)[o.Path, o.Value, o.Description ?? "-"])]);
            return ExitCodes.Ok;
        });
        return new Command("output", "The environment's outputs.") { list };
    }

    public static Command Query(TextWriter stdout, CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "The CUE path of the value to print (all of it by default).", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => string.Empty };
        var format = new Option<string>("--format", "-f") { Description = "json (pretty, sorted keys, concrete values only; null when not concrete, {} when there is no such value), cue, text (a string as it is) or yaml.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "cue", "text", "yaml");
        var concrete = new Option<bool>("--concrete", "-c") { Description = "Fail unless the value is concrete (everything known)." };
        var noPlan = new Option<bool>("--no-plan", "-P") { Description = "Leave out the plan: only the inputs and the computed values." };
        var noInput = new Option<bool>("--no-input", "-I") { Description = "Leave out the environment's inputs." };
        var noComputed = new Option<bool>("--no-computed", "-C") { Description = "Leave out the values computed by the last dagger up (state/computed.json)." };
        var command = new Command("query", "Print the environment's plan, unified with its inputs and with the values its last run computed, or one value of it.")
        {
            path, format, concrete, noPlan, noInput, noComputed,
        };
        command.SetAction(parse =>
        {
            var environment = ProjectOptions.Select(parse, context);
            stdout.WriteLine(EnvironmentQuery.Run(
                environment,
                new QueryRequest
                {
                    Path = parse.GetValue(path) ?? string.Empty,
                    Format = parse.GetValue(format)!,
                    Concrete = parse.GetValue(concrete),
                    WithPlan = !parse.GetValue(noPlan),
                    WithInputs = !parse.GetValue(noInput),
                    WithComputed = !parse.GetValue(noComputed),
                },
                ProjectOptions.Keys(context)));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command History(TextWriter stdout, CliContext context)
    {
        var command = new Command("history", $"List the environment's runs (the last {RunHistory.Keep}, kept in state/history/): id, start, duration, result, exit code, and tasks computed of all.");
        command.SetAction(parse =>
        {
            var environment = ProjectOptions.Select(parse, context);
            var runs = RunHistory.List(environment);
            ProjectOptions.Table(
                stdout,
                ["ID", "Start", "Duration", "Result", "Exit", "Tasks"],
                [.. runs.Select(r => (IReadOnlyList<string>)[
                    r.Id,
                    r.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                    Seconds(r.Duration),
                    r.Result,
                    r.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"{r.Counts.Computed}/{r.Counts.Tasks} computed",
                ])]);
            return ExitCodes.Ok;
        });

        var id = new Argument<string>("ID") { Description = "The run's id, or enough of its start to tell it from the others." };
        var format = new Option<string>("--format", "-f") { Description = "text or json (the record as state/history/ keeps it).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var show = new Command("show", "Print one run: when, how it ended, and each task with its status, duration and whether the cache answered it.") { id, format };
        show.SetAction(parse =>
        {
            var record = RunHistory.Get(ProjectOptions.Select(parse, context), parse.GetValue(id)!);
            if (parse.GetValue(format) == "json")
            {
                stdout.WriteLine(RunHistory.ToJson(record));
                return ExitCodes.Ok;
            }

            stdout.WriteLine($"run:      {record.Id}");
            stdout.WriteLine($"start:    {record.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)}");
            stdout.WriteLine($"duration: {Seconds(record.Duration)}");
            stdout.WriteLine($"result:   {record.Result} (exit code {record.ExitCode})");
            stdout.WriteLine($"engine:   {record.Engine}");
            if (record.Target is { } target)
            {
                stdout.WriteLine($"target:   {target}");
            }

            if (record.Error is { } error)
            {
                stdout.WriteLine($"error:    {error}");
            }

            stdout.WriteLine();
            ProjectOptions.Table(
                stdout,
                ["Task", "Status", "Duration", "Cached"],
                [.. record.Tasks.Select(t => (IReadOnlyList<string>)[t.Path.Length == 0 ? "(root)" : t.Path, t.Status, t.Duration is { } d ? Seconds(d) : "-", t.Cached ? "yes" : "no"])]);
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(show);
        return command;
    }

    private static string Seconds(double seconds) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{seconds:0.00}s");
}
