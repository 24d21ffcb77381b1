using System.Globalization;

namespace Dagger.Cue.UnitTests.Differential;

/// <summary>Leaf expressions: literals, references, operations, interpolations, disjunctions and lists.</summary>
internal sealed partial class ProgramBuilder
{
    private void FillLeaf(GenNode leaf)
    {
        if (leaf.Text is not null)
        {
            return;
        }

        leaf.Text = leaf.Shape == GenShape.List ? ListExpr(leaf, leaf.Parent!) : Expr(leaf.Shape, leaf, leaf.Parent!, 0);
    }

    private string Expr(GenShape shape, GenNode owner, GenNode scope, int depth)
    {
        var r = _rnd.NextDouble();
        var refs = Has(CueFeatures.References) && depth < 3;
        var arith = Has(CueFeatures.Arithmetic) && depth < 2;
        if (refs && r < 0.3)
        {
            var path = RefTo(shape, owner, scope);
            if (path is not null)
            {
                return path;
            }
        }

        if (arith && r < 0.55)
        {
            var e = Operation(shape, owner, scope, depth);
            if (e is not null)
            {
                return e;
            }
        }

        if (shape == GenShape.String && Has(CueFeatures.Interpolation) && depth < 2 && r < 0.68)
        {
            return $"\"{Pick("", "v-", "<")}\\({Expr(PickScalar(), owner, scope, depth + 1)}){Pick("", "/", " and ")}\\({Expr(PickScalar(), owner, scope, depth + 1)})\"";
        }

        if (shape == GenShape.Int && Has(CueFeatures.Lists) && refs && r < 0.75)
        {
            if (_rnd.NextDouble() < 0.5)
            {
                var list = RefTo(GenShape.List, owner, scope);
                if (list is not null)
                {
                    return $"len({list})";
                }
            }
            else
            {
                foreach (var c in Candidates(n => n.Shape == GenShape.List && n.Elem == GenShape.Int && n.Length > 0, owner))
                {
                    var path = TryRef(c, scope, owner);
                    if (path is not null)
                    {
                        return $"{path}[{_rnd.Next(c.Length!.Value)}]";
                    }
                }
            }
        }

        if (depth == 0 && Has(CueFeatures.Disjunctions) && r < 0.85)
        {
            var a = ScalarLiteral(shape);
            var b = ScalarLiteral(shape);
            return Pick($"*{a} | {b}", $"{TypeName(shape)} | *{a}", $"{a} | *{b} | {TypeName(shape)}");
        }

        return ScalarLiteral(shape);
    }

    private string? Operation(GenShape shape, GenNode owner, GenNode scope, int depth)
    {
        string Sub(GenShape s) => Wrap(Expr(s, owner, scope, depth + 1));
        var num = Has(CueFeatures.Floats) ? Pick(GenShape.Int, GenShape.Float) : GenShape.Int;
        switch (shape)
        {
            case GenShape.Int:
                return _rnd.Next(4) switch
                {
                    0 => $"{Sub(GenShape.Int)} + {Sub(GenShape.Int)}",
                    1 => $"{Sub(GenShape.Int)} * {Sub(GenShape.Int)}",
                    2 => $"{Sub(GenShape.Int)} - {Sub(GenShape.Int)}",
                    _ => $"{Sub(GenShape.Int)} {Pick("div", "mod")} {_rnd.Next(1, 8)}",
                };
            case GenShape.Float:
                return _rnd.Next(3) switch
                {
                    0 => $"{Sub(GenShape.Float)} {Pick("+", "*", "-")} {Sub(num)}",
                    1 => $"{Sub(num)} / {Pick("4", "3", "0.5", "8.0", "2")}",
                    _ => $"{Sub(GenShape.Int)} * {Pick("1.0", "0.5", "2.5")}",
                };
            case GenShape.Bool:
                return _rnd.Next(5) switch
                {
                    0 => $"{Sub(num)} {Pick("<", "<=", ">", ">=")} {Sub(num)}",
                    1 => $"{Sub(GenShape.Int)} {Pick("==", "!=")} {Sub(GenShape.Int)}",
                    2 => $"{Sub(GenShape.String)} {Pick("==", "!=")} {Sub(GenShape.String)}",
                    3 => $"!{Sub(GenShape.Bool)}",
                    _ => $"{Sub(GenShape.Bool)} {Pick("&&", "||")} {Sub(GenShape.Bool)}",
                };
            case GenShape.String:
                return $"{Sub(GenShape.String)} + {Sub(GenShape.String)}";
            default:
                return null;
        }
    }

    private static string Wrap(string e) =>
        e.Contains(' ', StringComparison.Ordinal) && !(e.StartsWith('"') && e.EndsWith('"') && !e[1..^1].Contains('"', StringComparison.Ordinal))
            ? "(" + e + ")"
            : e;

    private string ListExpr(GenNode leaf, GenNode scope)
    {
        if (leaf.Length is { } length)
        {
            return "[" + string.Join(", ", Enumerable.Range(0, length).Select(_ => Expr(leaf.Elem, leaf, scope, 1))) + "]";
        }

        var id = (++_counter).ToString(CultureInfo.InvariantCulture);
        if (Has(CueFeatures.References) && _rnd.NextDouble() < 0.3)
        {
            var path = RefTo(GenShape.List, leaf, scope, n => n.Elem == leaf.Elem);
            if (path is not null)
            {
                return path;
            }
        }

        if (Has(CueFeatures.Comprehensions))
        {
            if (leaf.Elem == GenShape.String)
            {
                foreach (var src in Candidates(n => n.Shape == GenShape.Struct, leaf))
                {
                    var path = TryRef(src, scope, leaf);
                    if (path is not null)
                    {
                        return $"[for k{id}, v{id} in {path} {{k{id}}}]";
                    }
                }
            }
            else
            {
                var path = RefTo(GenShape.List, leaf, scope, n => n.Elem == GenShape.Int);
                if (path is not null)
                {
                    var body = leaf.Elem switch
                    {
                        GenShape.Int => Has(CueFeatures.Arithmetic) ? $"x{id} * 2" : $"x{id}",
                        GenShape.Float => $"x{id} * 1.5",
                        _ => $"x{id} > 2",
                    };
                    var guard = Has(CueFeatures.Arithmetic) && _rnd.NextDouble() < 0.5 ? $" if x{id} > 1" : "";
                    return leaf.Elem == GenShape.Float && !Has(CueFeatures.Arithmetic)
                        ? $"[for x{id} in {path} {{1.5}}]"
                        : $"[for x{id} in {path}{guard} {{{body}}}]";
                }
            }
        }

        return "[" + string.Join(", ", Enumerable.Range(0, _rnd.Next(0, 4)).Select(_ => ScalarLiteral(leaf.Elem))) + "]";
    }

    private string ScalarLiteral(GenShape shape) => shape switch
    {
        GenShape.Int => _rnd.Next(-3, 60).ToString(CultureInfo.InvariantCulture),
        GenShape.Float => Pick(Floats),
        GenShape.String => "\"" + Pick(Words) + "\"",
        GenShape.Bool => Pick("true", "false"),
        _ => "[]",
    };

    private static string TypeName(GenShape shape) => shape switch
    {
        GenShape.Int => "int",
        GenShape.Float => "float",
        GenShape.String => "string",
        GenShape.Bool => "bool",
        GenShape.List => "[...int]",
        _ => "{...}",
    };
}
