using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Export;
using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue;

/// <summary>A CUE value: the result of compiling sources, or a part of one.</summary>
public sealed class CueValue
{
    internal CueValue(CueContext context, Vertex vertex)
    {
        Context = context;
        Vertex = vertex;
    }

    internal CueContext Context { get; }

    internal Vertex Vertex { get; }

    private Evaluator Ev => Context.Evaluator;

    /// <summary>Evaluates an expression in the scope of this value's top-level fields (like <c>cue export -e</c>).</summary>
    /// <exception cref="CueEvalException">The expression does not parse or refers to unknown names.</exception>
    public CueValue Evaluate(string expression)
    {
        Expr expr;
        try
        {
            expr = Parser.ParseExpr("-e", expression);
        }
        catch (CueSyntaxException e)
        {
            throw new CueEvalException(e.Message, false);
        }

        Ev.Evaluate(Vertex);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in Vertex.Arcs)
        {
            names.Add(Labels.Name(a.Label));
        }

        var holder = new StructLit();
        holder.Decls.Add(new Field { Label = new Label { Name = "-e" }, Value = expr });
        var file = new SourceFile { Name = "-e", Root = holder, Package = "expr" };
        var errs = Compiler.Compile(file, "", names, Builtins.Packages.DefaultName);
        if (errs.Count > 0)
        {
            throw new CueEvalException(string.Join("\n", errs), false);
        }

        var scope = FindScope();
        var env = new Env(new Env(null, Vertex) { File = scope }, Vertex);
        var t = new Vertex(Vertex, Labels.None);
        t.Conjuncts.Add(new Conjunct(env, expr, null));
        return new CueValue(Context, t);
    }

    private FileScope? FindScope()
    {
        foreach (var c in Vertex.Conjuncts)
        {
            if (c.Env?.FindFile() is { } f)
            {
                return f;
            }
        }

        return null;
    }

    /// <summary>The value at a dot-separated path of field names (no quoting), or null when there is none.</summary>
    public CueValue? LookupPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var v = Vertex;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            Ev.Evaluate(v);
            if (Ev.Deref(v) is Vertex d)
            {
                v = d;
            }

            var next = v.Lookup(Labels.FromName(part));
            if (next is null)
            {
                return null;
            }

            v = next;
        }

        return new CueValue(Context, v);
    }

    /// <summary>Checks the value: any conflict below it fails; with <paramref name="concrete"/>, so does any
    /// regular field that is not concrete.</summary>
    /// <exception cref="CueEvalException">The value has errors.</exception>
    public void Validate(bool concrete = false)
    {
        JsonExporter.Validate(Ev, Vertex);
        if (concrete)
        {
            JsonExporter.Export(Ev, Vertex, false);
        }
    }

    /// <summary>The value as JSON in CUE's field order, indented with 4 spaces like <c>cue export</c>.</summary>
    /// <exception cref="CueEvalException">The value has errors or is not concrete.</exception>
    public string ToJson(bool indent = true)
    {
        JsonExporter.Validate(Ev, Vertex);
        return JsonExporter.Export(Ev, Vertex, indent);
    }

    /// <summary>The value as YAML, like <c>cue export --out yaml</c>.</summary>
    /// <exception cref="CueEvalException">The value has errors or is not concrete.</exception>
    public string ToYaml()
    {
        JsonExporter.Validate(Ev, Vertex);
        return YamlExporter.Export(Ev, Vertex);
    }

    /// <summary>The value as CUE text, like <c>cue eval</c> (or <c>cue export --out cue</c> when
    /// <paramref name="concrete"/>).</summary>
    /// <exception cref="CueEvalException">The value has errors (or, when concrete, is not concrete).</exception>
    public string ToCue(bool concrete = false)
    {
        JsonExporter.Validate(Ev, Vertex);
        return CuePrinter.Print(Ev, Vertex, concrete);
    }

    /// <summary>True when the value (after defaults) is a concrete scalar, struct or list.</summary>
    public bool IsConcrete
    {
        get
        {
            Ev.Finalize(Vertex);
            var d = Ev.Deref(Vertex);
            return d is Vertex || d.IsConcrete;
        }
    }

    /// <summary>The kinds the value may still take.</summary>
    public Kind Kind
    {
        get
        {
            Ev.Finalize(Vertex);
            return Ev.Deref(Vertex) switch
            {
                Bottom => Kind.None,
                Vertex v => v.KindOfValue(),
                var x => x.Kind,
            };
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Vertex.PathString();
}
