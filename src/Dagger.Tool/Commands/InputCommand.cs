using System.CommandLine;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Environments;
using Dagger.Runtime.Engine.Plans;

namespace Dagger.Tool.Commands;

/// <summary><c>dagger input …</c>: set, unset and list the inputs an environment keeps in its values.yaml.</summary>
internal static class InputCommand
{
    private const string Checked = " The plan is loaded with the new value at once: a value that does not fit fails with its code and CUE path, and values.yaml is left unchanged.";

    public static Command Create(TextWriter stdout, TextWriter stderr, CliContext context)
    {
        var command = new Command("input", "Set, unset and list the environment's inputs (kept in .dagger/env/NAME/values.yaml; secrets encrypted with age).");
        command.Subcommands.Add(Valued("text", "Set a text input: VALUE, or the content of -f FILE (-f - reads stdin).", context, (path, text) => new TextInput(path, text)));
        command.Subcommands.Add(Valued("json", "Set an input from a JSON document: VALUE, or -f FILE (-f - reads stdin). TARGET \"\" is the plan's root.", context, (path, text) => new JsonInput(path, text)));
        command.Subcommands.Add(Valued("yaml", "Set an input from a YAML document: VALUE, or -f FILE (-f - reads stdin). TARGET \"\" is the plan's root.", context, (path, text) => new YamlInput(path, text)));
        command.Subcommands.Add(Secret(stderr, context));
        command.Subcommands.Add(Bool(context));
        command.Subcommands.Add(Pathed("file", "PATH", "Set an input to the bytes of a file of the project (kept as its path relative to the project).", context, (path, p) => new FileInput(path, p)));
        command.Subcommands.Add(Dir(context));
        command.Subcommands.Add(Git(context));
        command.Subcommands.Add(Pathed("socket", "PATH", "Set an input (a dagger.#Stream) to a local unix socket, such as /var/run/docker.sock.", context, (path, p) => new SocketInput(path, p)));
        command.Subcommands.Add(Unset(stdout, context));
        command.Subcommands.Add(List(stdout, context));
        return command;
    }

    private static Argument<string> Target() => new("TARGET") { Description = "The CUE path of the input, such as app.name." };

    private static Command Valued(string kind, string description, CliContext context, Func<string, string, PlanInput> make)
    {
        var target = Target();
        var value = new Argument<string?>("VALUE") { Description = "The value (or give -f).", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file", "-f") { Description = "Read the value from this file; - reads stdin." };
        var command = new Command(kind, description + Checked) { target, value, file };
        command.SetAction(parse =>
        {
            var text = ValueOf(parse, kind, value, file, context) ?? throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.InputNeedsValueOrFile, kind));
            Set(parse, context, make(parse.GetValue(target)!, text));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Secret(TextWriter stderr, CliContext context)
    {
        var target = Target();
        var value = new Argument<string?>("VALUE") { Description = "The secret (better: -f, or the prompt, which keep it out of the shell's history).", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file", "-f") { Description = "Read the secret from this file; - reads stdin." };
        var command = new Command(
            "secret",
            "Set a secret input (a dagger.#Secret), encrypted with age for your key (~/.config/dagger/keys.txt, or $DAGGER_AGE_KEY) and the project's "
            + ".dagger/recipients.txt. Without VALUE or -f, prompts for it without echo on a terminal." + Checked)
        {
            target, value, file,
        };
        command.SetAction(parse =>
        {
            var text = ValueOf(parse, "secret", value, file, context) ?? Prompt(stderr, context);
            Set(parse, context, new SecretInput(parse.GetValue(target)!, text));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Prompt(TextWriter stderr, CliContext context)
    {
        if (!context.Interactive)
        {
            throw new DaggerException(ErrorCodes.Usage, Messages.InputSecretNoValue);
        }

        stderr.Write(Messages.SecretPrompt);
        stderr.Flush();
        var secret = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                secret.Length = Math.Max(0, secret.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }

        stderr.WriteLine();
        return secret.ToString();
    }

    private static Command Bool(CliContext context)
    {
        var target = Target();
        var value = new Argument<string>("VALUE") { Description = "true or false." };
        var command = new Command("bool", "Set a boolean input." + Checked) { target, value };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(value);
            var b = text switch
            {
                "true" => true,
                "false" => false,
                _ => throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.InputBoolNotABoolean, parse.GetValue(target), text)),
            };
            Set(parse, context, new BoolInput(parse.GetValue(target)!, b));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Pathed(string kind, string name, string description, CliContext context, Func<string, string, PlanInput> make)
    {
        var target = Target();
        var path = new Argument<string>(name) { Description = "The path (relative to the current folder)." };
        var command = new Command(kind, description + Checked) { target, path };
        command.SetAction(parse =>
        {
            Set(parse, context, make(parse.GetValue(target)!, parse.GetValue(path)!));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Dir(CliContext context)
    {
        var target = Target();
        var path = new Argument<string>("PATH") { Description = "A folder inside the project (kept relative to it; .dagger/ is never sent)." };
        var include = new Option<string[]>("--include") { Description = "Send only the files that match (repeatable).", AllowMultipleArgumentsPerToken = false };
        var exclude = new Option<string[]>("--exclude") { Description = "Leave out the files that match (repeatable).", AllowMultipleArgumentsPerToken = false };
        var command = new Command("dir", "Set an input (a dagger.#Artifact) to a folder of the project." + Checked) { target, path, include, exclude };
        command.SetAction(parse =>
        {
            Set(parse, context, new DirectoryInput(parse.GetValue(target)!, parse.GetValue(path)!, parse.GetValue(include) ?? [], parse.GetValue(exclude) ?? []));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Git(CliContext context)
    {
        var target = Target();
        var remote = new Argument<string>("REMOTE") { Description = "The repository's URL." };
        var gitRef = new Argument<string>("REF") { Description = "The branch, tag or commit (HEAD by default).", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "HEAD" };
        var subdir = new Argument<string?>("SUBDIR") { Description = "A folder of the checkout to use instead of all of it.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("git", "Set an input (a dagger.#Artifact) to a git checkout." + Checked) { target, remote, gitRef, subdir };
        command.SetAction(parse =>
        {
            Set(parse, context, new GitInput(parse.GetValue(target)!, parse.GetValue(remote)!, parse.GetValue(gitRef) ?? "HEAD", parse.GetValue(subdir)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Unset(TextWriter stdout, CliContext context)
    {
        var target = Target();
        var command = new Command("unset", "Remove the input at exactly TARGET from values.yaml.") { target };
        command.SetAction(parse =>
        {
            var environment = ProjectOptions.Select(parse, context);
            if (!EnvironmentInputs.Unset(environment, parse.GetValue(target)!))
            {
                stdout.WriteLine(Message.Format(Messages.InputNotSet, parse.GetValue(target), environment.Name));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(TextWriter stdout, CliContext context)
    {
        var all = new Option<bool>("--all", "-a") { Description = "List every input, concrete ones included." };
        var optional = new Option<bool>("--show-optional") { Description = "Also list the inputs that have a default, and the optional ones (name?: T)." };
        var command = new Command(
            "list",
            "List the plan's inputs (values marked @dagger(input) or dagger.#Input): Input, Value (its type or kind, such as dagger.#Secret), "
            + "Set by user (values.yaml has it), Description (its doc comment). By default only those still needed: not concrete and without a default.")
        {
            all, optional,
        };
        command.SetAction(parse =>
        {
            var environment = ProjectOptions.Select(parse, context);
            var inputs = EnvironmentInputs.List(environment, ProjectOptions.Keys(context))
                .Where(i => parse.GetValue(all) || i.IsRequired || (parse.GetValue(optional) && (i.HasDefault || i.IsOptional) && !i.SetByUser));
            ProjectOptions.Table(
                stdout,
                ["Input", "Value", "Set by user", "Description"],
                [.. inputs.Select(i => (IReadOnlyList<string>)[i.Path, i.Value, i.SetByUser ? "true" : "false", i.Description ?? "-"])]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string? ValueOf(ParseResult parse, string kind, Argument<string?> value, Option<string?> file, CliContext context)
    {
        var given = parse.GetValue(value);
        var from = parse.GetValue(file);
        return (given, from) switch
        {
            (not null, not null) => throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.InputValueAndFile, kind)),
            (_, not null) => ProjectOptions.ReadSource(from, context),
            _ => given,
        };
    }

    private static void Set(ParseResult parse, CliContext context, PlanInput input)
    {
        var environment = ProjectOptions.Select(parse, context);
        EnvironmentInputs.Set(environment, input, context.CurrentDirectory, ProjectOptions.Keys(context));
    }
}
