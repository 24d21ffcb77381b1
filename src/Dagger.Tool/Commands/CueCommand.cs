using System.CommandLine;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Engine.Diagnostics;

namespace Dagger.Tool.Commands;

/// <summary><c>dagger cue export|eval|vet</c>: evaluate CUE like the reference <c>cue</c> tool.</summary>
internal static class CueCommand
{
    private const string InjectHelp = "Tags: a name, true in @if(...) file attributes (or a @tag shorthand), or key=value for fields marked @tag(key).";

    private const string ArgsHelp = "CUE files, or packages: a directory (., ./sub) or an import path of the module, optionally with :name to pick a package (default: the current directory).";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cue = new Command("cue", "Evaluate CUE configurations with dagger's own CUE evaluator.");
        cue.Subcommands.Add(Export(stdout, stderr));
        cue.Subcommands.Add(Eval(stdout, stderr));
        cue.Subcommands.Add(Vet(stderr));
        return cue;
    }

    private static Command Export(TextWriter stdout, TextWriter stderr)
    {
        var outOpt = new Option<string>("--out") { Description = "Output format: json, yaml, cue, or text (the value must be a string, printed as it is).", DefaultValueFactory = _ => "json" };
        var exprOpt = new Option<string?>("--expression", "-e") { Description = "Export the value of this expression instead of the whole instance." };
        var files = new Argument<string[]>("args") { Description = ArgsHelp, Arity = ArgumentArity.ZeroOrMore };
        var injectOpt = InjectOption();
        var cmd = new Command("export", "Print the concrete value of a CUE instance as JSON, YAML or CUE.");
        cmd.Options.Add(outOpt);
        cmd.Options.Add(exprOpt);
        cmd.Options.Add(injectOpt);
        cmd.Arguments.Add(files);
        cmd.SetAction(parse =>
        {
            var format = parse.GetValue(outOpt) ?? "json";
            if (format is not ("json" or "yaml" or "cue" or "text"))
            {
                throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.UnknownOutFormat, format));
            }

            return Run(stdout, stderr, parse.GetValue(files) ?? [], parse.GetValue(injectOpt) ?? [], parse.GetValue(exprOpt), (v, w) =>
            {
                switch (format)
                {
                    case "yaml":
                        w.Write(v.ToYaml());
                        break;
                    case "cue":
                        w.Write(v.ToCue(concrete: true));
                        break;
                    case "text":
                        w.Write(Text(v));
                        w.Write('\n');
                        break;
                    default:
                        v.WriteJson(w);
                        w.Write('\n');
                        break;
                }
            });
        });
        return cmd;
    }

    // Like the reference's text encoding: a concrete string as it is; anything else is an error at the value.
    private static string Text(CueValue v)
    {
        v.Validate(concrete: true);
        var value = v.Default(out _);
        if (value.TryGetString(out var text))
        {
            return text;
        }

        var kind = value.Kind switch
        {
            Runtime.Cue.Core.Kind.Struct => "struct",
            Runtime.Cue.Core.Kind.List => "list",
            var k => k.ToString().ToLowerInvariant(),
        };
        throw new CueEvalException([new CueError(v.Path, $"cannot use value {value.ToJson(indent: false)} (type {kind}) as string", v.Position, [])], false);
    }

    private static Command Eval(TextWriter stdout, TextWriter stderr)
    {
        var exprOpt = new Option<string?>("--expression", "-e") { Description = "Evaluate this expression instead of the whole instance." };
        var files = new Argument<string[]>("args") { Description = ArgsHelp, Arity = ArgumentArity.ZeroOrMore };
        var injectOpt = InjectOption();
        var cmd = new Command("eval", "Print the evaluated value of a CUE instance as CUE; it need not be concrete.");
        cmd.Options.Add(exprOpt);
        cmd.Options.Add(injectOpt);
        cmd.Arguments.Add(files);
        cmd.SetAction(parse =>
        {
            var expr = parse.GetValue(exprOpt);
            return Run(stdout, stderr, parse.GetValue(files) ?? [], parse.GetValue(injectOpt) ?? [], expr, (v, w) =>
            {
                if (expr is not null)
                {
                    // Like the reference: a selected value that is itself still an error (not a type, not a struct
                    // with incomplete fields) fails the command rather than printing as its expression.
                    v.ThrowIfIncomplete();
                }

                w.Write(v.ToCue(concrete: false));
            });
        });
        return cmd;
    }

    private static Command Vet(TextWriter stderr)
    {
        var concreteOpt = new Option<bool>("--concrete", "-c") { Description = "Require every regular field to be concrete." };
        var files = new Argument<string[]>("args") { Description = ArgsHelp, Arity = ArgumentArity.ZeroOrMore };
        var injectOpt = InjectOption();
        var cmd = new Command("vet", "Validate CUE instances: silent with exit status 0 when valid, the errors and exit status 1 otherwise.");
        cmd.Options.Add(concreteOpt);
        cmd.Options.Add(injectOpt);
        cmd.Arguments.Add(files);
        cmd.SetAction(parse =>
        {
            var concrete = parse.GetValue(concreteOpt);
            return Run(TextWriter.Null, stderr, parse.GetValue(files) ?? [], parse.GetValue(injectOpt) ?? [], null, (v, _) =>
            {
                v.Validate();
                if (concrete)
                {
                    v.Validate(concrete: true);
                    return;
                }

                try
                {
                    v.Validate(concrete: true);
                }
                catch (CueEvalException e) when (e.Incomplete)
                {
                    // Like the reference: without -c, incomplete values fail the run but are not listed.
                    throw new CueEvalException("some instances are incomplete; use the -c flag to show errors or suppress this message", true);
                }
            });
        });
        return cmd;
    }

    // Every instance is rendered before anything is printed, so an error prints no partial output; a large
    // rendering stays in the writer's chunks rather than one large string.
    private static Option<string[]> InjectOption() => new("--inject", "-t") { Description = InjectHelp };

    // Collections stay held off until the output is written (and, in the tool's own process, until it exits): the
    // first one after the hold would sweep everything the evaluation allocated.
    private static int Run(TextWriter stdout, TextWriter stderr, string[] args, string[] tags, string? expr, Action<CueValue, TextWriter> render) =>
        BatchGc.Run(() => RunHeld(stdout, stderr, args, tags, expr, render));

    private static int RunHeld(TextWriter stdout, TextWriter stderr, string[] args, string[] tags, string? expr, Action<CueValue, TextWriter> render)
    {
        try
        {
            var texts = CueContext.RunWithLargeStack(() =>
            {
                var ctx = new CueContext();
                var result = new List<StringWriter>();
                foreach (var instance in ctx.LoadInstances(Directory.GetCurrentDirectory(), args, tags: tags))
                {
                    if (expr is not null)
                    {
                        // Like the reference, which validates every instance it builds before it evaluates -e in
                        // it: an error anywhere in the package (a definition included) fails the command.
                        instance.Validate();
                    }

                    var v = expr is null ? instance : instance.Evaluate(expr);
                    var w = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                    render(v, w);
                    result.Add(w);
                }

                return result;
            });
            foreach (var text in texts)
            {
                foreach (var chunk in text.GetStringBuilder().GetChunks())
                {
                    stdout.Write(chunk.Span);
                }
            }

            return ExitCodes.Ok;
        }
        catch (CueEvalException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.Failure;
        }
    }
}
