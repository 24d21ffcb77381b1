using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Cue.Export;
using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Load;

/// <summary>
/// The tags of one load (<c>cue -t</c>, CUE-NOTES §8): a bare <c>-t foo</c> is a boolean for the <c>@if(expr)</c>
/// build attributes that decide which files take part; <c>-t key=value</c> and the shorthands of
/// <c>@tag(key, short=a|b)</c> add a value to the fields of the loaded instances that carry <c>@tag(key)</c>.
/// </summary>
internal sealed class BuildTags
{
    private static readonly Dictionary<string, bool> BoolValues = new(StringComparer.Ordinal)
    {
        ["1"] = true,
        ["0"] = false,
        ["t"] = true,
        ["f"] = false,
        ["T"] = true,
        ["F"] = false,
        ["true"] = true,
        ["false"] = false,
        ["TRUE"] = true,
        ["FALSE"] = false,
        ["True"] = true,
        ["False"] = false,
    };

    private readonly IReadOnlyList<string> _args;
    private readonly HashSet<string> _set;

    // Names an @if expression looked at; the reference evaluates && and || lazily, so a name it skips stays unused.
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _injected = new(StringComparer.Ordinal);

    public BuildTags(IReadOnlyList<string> args)
    {
        _args = args;
        _set = new HashSet<string>(args.Where(a => !a.Contains('=', StringComparison.Ordinal)), StringComparer.Ordinal);
    }

    /// <summary>Whether the file's <c>@if</c> attribute (before its package clause) lets it take part.</summary>
    /// <exception cref="CueEvalException">Several <c>@if</c> attributes, or one that is not a tag expression.</exception>
    public bool Includes(SourceFile f)
    {
        Syntax.Attribute? found = null;
        foreach (var a in f.Attributes)
        {
            if (a.Name != "if")
            {
                continue;
            }

            if (found is not null)
            {
                throw new CueEvalException(
                    [new CueError("", "multiple @if attributes", a.Pos, []), new CueError("", "previous declaration here", found.Pos, [])], false);
            }

            found = a;
        }

        if (found is null)
        {
            return true;
        }

        Expr e;
        try
        {
            e = Parser.ParseExpr(f.Name, found.Body);
        }
        catch (CueSyntaxException ex)
        {
            throw new CueEvalException([new CueError("", ex.Reason, ex.Pos, [])], false);
        }

        return Holds(e);
    }

    private bool Holds(Expr e)
    {
        switch (e)
        {
            case ParenExpr p:
                return Holds(p.X);
            case Ident id:
                _seen.Add(id.Name);
                return _set.Contains(id.Name);
            case BinaryExpr { Op: BinOp.LAnd } b:
                return Holds(b.X) && Holds(b.Y);
            case BinaryExpr { Op: BinOp.LOr } b:
                return Holds(b.X) || Holds(b.Y);
            case UnaryExpr { Op: Tok.Bang } u:
                return !Holds(u.X);
            default:
                throw Fail($"invalid build attribute: want a tag name, !, && or ||, found {e.GetType().Name}");
        }
    }

    /// <summary>Adds the injected values to the <c>@tag</c> fields of the instances' files.</summary>
    /// <exception cref="CueEvalException">A value does not parse for the tag's type, or <c>key=value</c> names no
    /// tag.</exception>
    public void Inject(IEnumerable<SourceFile> files)
    {
        var tags = new List<(StructLit Owner, int Index, string Key, string Type, string[] Short)>();
        foreach (var f in files)
        {
            Find(f.Root, tags);
        }

        foreach (var arg in _args)
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var found = eq < 0 && _seen.Contains(arg);
            foreach (var (owner, index, key, type, shorts) in tags)
            {
                string? value = eq > 0 ? (key == arg[..eq] ? arg[(eq + 1)..] : null) : (shorts.Contains(arg) ? arg : null);
                if (value is null)
                {
                    continue;
                }

                found = true;
                var field = (Field)owner.Decls[index];
                var injected = new Field
                {
                    Label = field.Label,
                    Optional = field.Optional,
                    Alias = field.Alias,
                    ValueAlias = field.ValueAlias,
                    Pos = field.Pos,
                    Value = new BinaryExpr { Op = BinOp.And, X = field.Value, Y = ValueOf(key, value, type), Pos = field.Value.Pos },
                };
                injected.Attributes.AddRange(field.Attributes);
                owner.Decls[index] = injected;
            }

            if (found)
            {
                _injected.Add(arg);
            }
            else if (eq > 0)
            {
                throw Fail($"no tag for \"{arg[..eq]}\"");
            }
        }
    }

    /// <summary>Fails for a bare tag that no <c>@if</c> looked at and no shorthand took.</summary>
    /// <exception cref="CueEvalException">A tag was not used.</exception>
    public void CheckUsed()
    {
        foreach (var arg in _args)
        {
            if (!_injected.Contains(arg) && !_seen.Contains(arg))
            {
                throw Fail($"tag \"{arg}\" not used in any file");
            }
        }
    }

    private static CueEvalException Fail(string message) => new([new CueError("", message, default, [])], false);

    // The @tag fields of struct literals, outside lists and comprehensions (where the reference rejects them).
    private static void Find(StructLit lit, List<(StructLit, int, string, string, string[])> tags)
    {
        for (var i = 0; i < lit.Decls.Count; i++)
        {
            if (lit.Decls[i] is not Field f)
            {
                continue;
            }

            foreach (var a in f.Attributes)
            {
                if (a.Name == "tag")
                {
                    var (key, options) = AttributeArgs(a.Body);
                    var type = options.GetValueOrDefault("type", "string");
                    var shorts = options.TryGetValue("short", out var s) ? s.Split('|') : [];
                    tags.Add((lit, i, key, type, shorts));
                }
            }

            if (f.Value is StructLit inner)
            {
                Find(inner, tags);
            }
        }
    }

    private static (string First, Dictionary<string, string> Options) AttributeArgs(string body)
    {
        var parts = body.Split(',').Select(p => p.Trim()).ToList();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in parts.Skip(1))
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                options[p[..eq].Trim()] = p[(eq + 1)..].Trim().Trim('"');
            }
        }

        return (parts[0], options);
    }

    // Like the reference: numbers are parsed as CUE expressions, bools from a fixed set of spellings, strings
    // taken as they are; a type that admits several kinds gives a disjunction of the readings.
    private static Expr ValueOf(string key, string value, string type)
    {
        switch (type)
        {
            case "int" or "number":
                try
                {
                    return Parser.ParseExpr("-t", value);
                }
                catch (CueSyntaxException e)
                {
                    throw Fail($"invalid number for environment variable {key}: {e.Reason}");
                }

            case "bool":
                return BoolValues.TryGetValue(value.Trim(), out var b)
                    ? new BasicLit { Kind = LitKind.Bool, Value = b, Text = b ? "true" : "false" }
                    : throw Fail($"invalid boolean value \"{value}\" for environment variable {key}");
            case "string":
                return new BasicLit { Kind = LitKind.String, Value = value, Text = CueText(value) };
            default:
                throw Fail($"invalid type \"{type}\"");
        }
    }

    private static string CueText(string s) => Syntax.CueText.Quote(s);
}
