using System.CommandLine;

using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Export;

namespace Dagger.Tool.Commands;

/// <summary><c>dagger cue export|eval</c>: evaluate CUE like the reference <c>cue</c> tool.</summary>
internal static class CueCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cue = new Command("cue", "Evaluate CUE configurations with dagger's own CUE evaluator.");
        cue.Subcommands.Add(Export(stdout, stderr));
        cue.Subcommands.Add(Eval(stdout, stderr));
        return cue;
    }

    private static Command Export(TextWriter stdout, TextWriter stderr)
    {
        var outOpt = new Option<string>("--out") { Description = "Output format: json, yaml or cue.", DefaultValueFactory = _ => "json" };
        var exprOpt = new Option<string?>("--expression", "-e") { Description = "Export the value of this expression instead of the whole instance." };
        var files = new Argument<string[]>("files") { Description = "CUE files or package directories (default: the current directory).", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("export", "Print the concrete value of a CUE instance as JSON, YAML or CUE.");
        cmd.Options.Add(outOpt);
        cmd.Options.Add(exprOpt);
        cmd.Arguments.Add(files);
        cmd.SetAction(parse =>
        {
            var format = parse.GetValue(outOpt) ?? "json";
            if (format is not ("json" or "yaml" or "cue"))
            {
                throw new UserException($"unknown --out format \"{format}\" (want json, yaml or cue)", ExitCodes.Usage);
            }

            return Run(stdout, stderr, parse.GetValue(files) ?? [], parse.GetValue(exprOpt), v => format switch
            {
                "yaml" => v.ToYaml(),
                "cue" => v.ToCue(concrete: true),
                _ => v.ToJson() + "\n",
            });
        });
        return cmd;
    }

    private static Command Eval(TextWriter stdout, TextWriter stderr)
    {
        var exprOpt = new Option<string?>("--expression", "-e") { Description = "Evaluate this expression instead of the whole instance." };
        var files = new Argument<string[]>("files") { Description = "CUE files or package directories (default: the current directory).", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("eval", "Print the evaluated value of a CUE instance as CUE; it need not be concrete.");
        cmd.Options.Add(exprOpt);
        cmd.Arguments.Add(files);
        cmd.SetAction(parse => Run(stdout, stderr, parse.GetValue(files) ?? [], parse.GetValue(exprOpt), v => v.ToCue(concrete: false)));
        return cmd;
    }

    private static int Run(TextWriter stdout, TextWriter stderr, string[] files, string? expr, Func<CueValue, string> render)
    {
        try
        {
            var text = CueContext.RunWithLargeStack(() =>
            {
                var ctx = new CueContext();
                var v = ctx.Load(Directory.GetCurrentDirectory(), files);
                if (expr is not null)
                {
                    v = v.Evaluate(expr);
                }

                return render(v);
            });
            stdout.Write(text);
            return ExitCodes.Ok;
        }
        catch (CueEvalException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.Failure;
        }
    }
}
