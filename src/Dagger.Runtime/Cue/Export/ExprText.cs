using System.Text;

using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Export;

/// <summary>
/// Source text of an expression, as <c>cue eval</c> prints a value that is not complete yet (<c>"x\(a)"</c>,
/// <c>strconv.Atoi(s)</c>): parentheses only where precedence needs them, structs one declaration a line, source
/// comments left out (a <c>_|_</c> literal gets v0.4's error comment). The import paths the text refers to are
/// collected for the header.
/// </summary>
internal sealed class ExprText
{
    private readonly PrintedImports _imports;
    private readonly Func<IReadOnlyList<Expr>, int, string?>? _unified;

    /// <param name="imports">Collects the import paths the text uses.</param>
    /// <param name="unified">The text of self-contained expressions unified into one value, at a level; null when
    /// they do not unify.</param>
    public ExprText(PrintedImports imports, Func<IReadOnlyList<Expr>, int, string?>? unified = null)
    {
        _imports = imports;
        _unified = unified;
    }

    /// <summary>
    /// The conjuncts of one value as v0.4 prints them when they are not complete yet: plain struct literals merged
    /// into one (what they embed first, then their fields, each field's conjuncts merged the same way), other
    /// expressions kept and joined by <c>&amp;</c> before it. A literal with patterns, dynamic fields,
    /// comprehensions, a typed <c>...</c> or label aliases is kept as written.
    /// </summary>
    /// <remarks><paramref name="outer"/> is the precedence of the operator the result is an operand of (0 for
    /// none): a literal that only embeds a disjunction (<c>{*null | string}</c>) prints as one in parentheses
    /// there.</remarks>
    public string Merge(IEnumerable<Expr> conjuncts, int level, int outer = 0)
    {
        string Group(string text) => outer > AndOperand ? "(" + text + ")" : text;

        // An embedded value has two texts: its own line in a struct, and an operand of `&` (parenthesised where
        // the precedence of `&` needs it, as v0.4's printer does).
        var embeds = new List<(string Line, string Operand)>();
        var others = new List<(string Alone, string Operand)>();
        var values = new List<Expr>();
        var fields = new List<(string Key, Syntax.Label Label, bool Optional, List<Expr> Values)>();
        var ellipsis = false;
        var anyStruct = false;
        StructLit? complex = null;

        void Add(Expr x, bool isEmbed)
        {
            switch (x)
            {
                case ParenExpr p:
                    Add(p.X, isEmbed);
                    break;
                case StructLit s when IsComplex(s):
                    anyStruct = true;
                    complex ??= s;
                    var sb = new StringBuilder();
                    WriteStruct(sb, s, level + 1);
                    embeds.Add((sb.ToString(), sb.ToString()));
                    break;
                case StructLit s:
                    anyStruct = true;
                    foreach (var d in s.Decls)
                    {
                        switch (d)
                        {
                            case Field f:
                                var key = f.Label.Kind + ":" + f.Label.Name;
                                var i = fields.FindIndex(e => e.Key == key);
                                if (i < 0)
                                {
                                    fields.Add((key, f.Label, f.Optional, [f.Value]));
                                }
                                else
                                {
                                    fields[i].Values.Add(f.Value);
                                    fields[i] = fields[i] with { Optional = fields[i].Optional && f.Optional };
                                }

                                break;
                            case EllipsisDecl:
                                ellipsis = true;
                                break;
                            case EmbedDecl em:
                                Add(em.Expr, true);
                                break;
                        }
                    }

                    break;
                case BinaryExpr { Op: BinOp.And } b when !isEmbed:
                    Add(b.X, false);
                    Add(b.Y, false);
                    break;
                case var e when SelfContained(e):
                    values.Add(e);
                    break;
                default:
                    if (isEmbed)
                    {
                        embeds.Add((Print(x, level + 1), Print(x, level + 1, AndOperand)));
                    }
                    else
                    {
                        // Printed now, so that the imports are noted in the order the text uses them.
                        others.Add((Print(x, level), Print(x, level, AndOperand)));
                    }

                    break;
            }
        }

        foreach (var c in conjuncts)
        {
            Add(c, false);
        }

        if (values.Count > 0)
        {
            embeds.Add((Values(values, level + 1, 0), Values(values, level + 1, AndOperand)));
        }

        if (fields.Count == 0 && !ellipsis)
        {
            switch (embeds.Count + others.Count)
            {
                case 0:
                    return anyStruct ? "{}" : "_";
                case 1 when others.Count == 1:
                    return outer > 0 ? others[0].Operand : others[0].Alone;
                case 1:
                    // The one embedded value stands alone, at this level.
                    return values.Count > 0 ? Values(values, level, outer)
                        : complex is not null ? StructText(complex, level) : outer > 0 ? embeds[0].Operand : embeds[0].Line;
                case 2:
                    return Group(JoinAnd(others.Select(o => o.Operand).Concat(embeds.Select(e => e.Operand)), level));
            }
        }

        var lines = embeds.Select(e => ((string?)null, e.Line)).ToList();
        foreach (var (_, label, optional, vals) in fields)
        {
            var lb = new StringBuilder();
            WriteLabel(lb, label, level + 1);
            var pushed = PushAlias(label);
            lines.Add((lb.Append(optional ? "?:" : ":").ToString(), Merge(vals, level + 1)));
            PopAlias(pushed);
        }

        if (ellipsis)
        {
            lines.Add((null, "..."));
        }

        var body = new StringBuilder("{\n");
        AppendLines(body, lines, level + 1);
        body.Append(Indent(level)).Append('}');
        return others.Count == 0 ? body.ToString() : Group(string.Join(" & ", others.Select(o => o.Operand).Append(body.ToString())));
    }

    /// <summary>
    /// Whether a field with this printed value takes part in a run of aligned values, as cue/format decides: not a
    /// struct or a list. A value printed over several lines (<c>y &amp; {</c>) is the last of its run.
    /// </summary>
    internal static bool Alignable(string text) =>
        !(text.StartsWith('{') || text.StartsWith('[')) ? !IsMultiLineString(text) : ClosingBracket(text) < text.Length - 1;

    /// <summary>A multi-line string literal stands alone, as a string value printed over several lines does; an
    /// interpolation, an expression, does not.</summary>
    private static bool IsMultiLineString(string text)
    {
        var body = text.TrimStart('#');
        return (body.StartsWith("\"\"\"", StringComparison.Ordinal) || body.StartsWith("'''", StringComparison.Ordinal))
            && StringLit.StringEnd(text, 0, out var interpolated) == text.Length && !interpolated;
    }

    /// <summary>Where the bracket that opens <paramref name="text"/> closes (outside string literals): a struct or
    /// list operand of <c>&amp;</c> (<c>{...} &amp; {...}</c>) closes before the end, and the value is an operation.</summary>
    private static int ClosingBracket(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"' or '\'':
                    i = StringLit.StringEnd(text, i, out _) - 1;
                    break;
                case '{' or '[' or '(':
                    depth++;
                    break;
                case '}' or ']' or ')':
                    if (--depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return text.Length - 1;
    }

    /// <summary>
    /// Declarations one a line at <paramref name="level"/>; like cue/format, a run of fields whose values are
    /// <see cref="Alignable"/> has its values aligned. A line without a label ends a run.
    /// </summary>
    private static void AppendLines(StringBuilder sb, List<(string? Label, string Text)> lines, int level)
    {
        static bool Simple((string? Label, string Text) l) => l.Label is not null && Alignable(l.Text);
        for (var i = 0; i < lines.Count;)
        {
            var j = i;
            var width = 0;
            while (j < lines.Count && Simple(lines[j]))
            {
                width = Math.Max(width, lines[j].Label!.Length);
                if (lines[j++].Text.Contains('\n'))
                {
                    break;
                }
            }

            if (j == i)
            {
                var (label, text) = lines[i];
                sb.Append(Indent(level)).Append(label is null ? "" : label + " ").Append(text).Append('\n');
                i++;
                continue;
            }

            for (var k = i; k < j; k++)
            {
                sb.Append(Indent(level)).Append(lines[k].Label!.PadRight(width + 1)).Append(lines[k].Text).Append('\n');
            }

            i = j;
        }
    }

    private string StructText(StructLit s, int level)
    {
        var sb = new StringBuilder();
        WriteStruct(sb, s, level);
        return sb.ToString();
    }

    /// <summary>
    /// Literals and types merged into one struct's field: v0.4 unifies them and prints the value (<c>int &amp; 1</c>
    /// is <c>1</c>), a scalar as its first literal was written (<c>"a\n"</c>, <c>0x10</c>).
    /// </summary>
    private string Values(List<Expr> values, int level, int outer)
    {
        if (_unified?.Invoke(values, level) is { } text)
        {
            return outer > AndOperand && text.Contains(" & ", StringComparison.Ordinal) ? "(" + text + ")" : text;
        }

        return Conjunction(values, level, outer);
    }

    /// <summary>A literal v0.4 prints as written rather than merged.</summary>
    private static bool IsComplex(StructLit s) => s.Decls.Any(d => d switch
    {
        Field f => f.Alias is not null || f.Label.Kind is LabelKind.Dynamic or LabelKind.Pattern,
        EllipsisDecl e => e.Type is not null,
        ComprehensionDecl => true,
        _ => false,
    });

    /// <summary>An expression made of literals and predeclared types only (v0.4 unifies those when it prints).</summary>
    private static bool SelfContained(Expr e) => e switch
    {
        BasicLit => true,
        Ident { Kind: RefKind.Predeclared } id => id.Name is not ("len" or "close" or "and" or "or" or "div" or "mod" or "quo" or "rem"),
        UnaryExpr u => SelfContained(u.X),
        BinaryExpr b => SelfContained(b.X) && SelfContained(b.Y),
        ParenExpr p => SelfContained(p.X),
        _ => false,
    };

    public string Print(Expr e, int level) => Print(e, level, 0);

    /// <summary>Source text of <paramref name="e"/> where the enclosing operator has precedence
    /// <paramref name="outer"/> (<see cref="AndOperand"/> for a conjunct printed beside others).</summary>
    public string Print(Expr e, int level, int outer)
    {
        var sb = new StringBuilder();

        // An operand of the conjunction v0.4 chains is one level deeper than a value alone.
        Write(sb, e, level, outer, outer >= AndOperand ? 2 : 1);
        return BreakLines(sb.ToString(), level + 1).TrimEnd(LineBreak);
    }

    /// <summary>Operands joined by <c>&amp;</c>; one that ends in a <c>_|_</c> comment puts the rest on the next line.</summary>
    public static string JoinAnd(IEnumerable<string> operands, int level)
    {
        var sb = new StringBuilder();
        foreach (var o in operands)
        {
            if (sb.Length > 0)
            {
                sb.Append(EndsInComment(sb) ? "\n" + Indent(level + 1) + "& " : " & ");
            }

            sb.Append(o);
        }

        return sb.ToString();
    }

    private static bool EndsInComment(StringBuilder sb) =>
        sb.Length >= BottomText.Length && sb.ToString(sb.Length - BottomText.Length, BottomText.Length) == BottomText;

    // v0.4 prints a `_|_` literal with its error as a line comment, so whatever follows it goes on a new line. The
    // break is marked while the text is built, and placed where the enclosing construct knows its indentation.
    private const char LineBreak = '\u0001';
    private const string BottomText = "_|_ // explicit error (_|_ literal) in source";

    private static string BreakLines(string text, int level)
    {
        if (!text.Contains(LineBreak, StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != LineBreak)
            {
                sb.Append(text[i]);
                continue;
            }

            if (i + 1 == text.Length)
            {
                // Nothing follows within this text: the break is the enclosing construct's to place.
                sb.Append(LineBreak);
                break;
            }

            if (text[i + 1] == ' ')
            {
                i++;
            }

            sb.Append('\n').Append(Indent(level));
        }

        return sb.ToString();
    }

    /// <summary>Expressions joined by <c>&amp;</c>; each is an operand of it when there are several.</summary>
    public string Conjunction(IReadOnlyList<Expr> exprs, int level, int outer = 0) =>
        JoinAnd(exprs.Select((x, i) => Print(x, level, exprs.Count > 1 ? OperandOfAnd(i, exprs.Count) : outer)), level);

    /// <summary>The precedence the <paramref name="index"/>th of <paramref name="count"/> conjuncts is printed
    /// under: v0.4 chains them to the left, so a later one that is itself a conjunction keeps its parentheses
    /// (<c>a &amp; (b &amp; c)</c>), as does a disjunction anywhere.</summary>
    public static int OperandOfAnd(int index, int count) => count < 2 ? 0 : index == 0 ? AndOperand : AndOperand + 1;

    /// <summary>The <c>import</c> header for the collected paths, with the blank line after it; empty when none.</summary>
    public static string Header(PrintedImports imports)
    {
        if (imports.Count == 0)
        {
            return "";
        }

        var specs = imports.Select(i => (DefaultName(i.Path) == i.Name ? "" : i.Name + " ") + CueText.Quote(i.Path)).ToList();
        return specs.Count == 1
            ? "import " + specs[0] + "\n\n"
            : "import (\n" + string.Concat(specs.Select(s => "    " + s + "\n")) + ")\n\n";
    }

    private static string DefaultName(string path)
    {
        var colon = path.LastIndexOf(':');
        if (colon >= 0)
        {
            return path[(colon + 1)..];
        }

        var slash = path.LastIndexOf('/');
        return slash >= 0 ? path[(slash + 1)..] : path;
    }

    /// <summary>The precedence of <c>&amp;</c>: an operand of it with a lower one (a disjunction) needs parentheses.</summary>
    public const int AndOperand = 2;

    /// <summary>
    /// v0.4's printer (after Go's) puts blanks around an operator when its precedence is below the cutoff: at the
    /// top (depth 1) always, unless <c>+</c>/<c>-</c> and <c>*</c>/<c>/</c> mix, when only the former get them
    /// (<c>a*b + c</c>); deeper, never (<c>a+b == c</c>, <c>f(x, a+b)</c>). Operators of lower precedence always
    /// have blanks. A unary operand that would clash without a blank (<c>a - -b</c>) raises the cutoff.
    /// </summary>
    private static int Cutoff(BinaryExpr e, int depth)
    {
        var (has6, has7, problem) = WalkBinary(e);
        if (problem > 0)
        {
            return problem + 1;
        }

        if (has6 && has7)
        {
            return depth == 1 ? 7 : 6;
        }

        return depth == 1 ? 8 : 6;
    }

    private static (bool Has6, bool Has7, int Problem) WalkBinary(BinaryExpr e)
    {
        var prec = Precedence(e.Op);
        bool has6 = prec == 6, has7 = prec == 7;
        var problem = 0;
        void Merge(BinaryExpr inner)
        {
            var (h6, h7, p) = WalkBinary(inner);
            has6 |= h6;
            has7 |= h7;
            problem = Math.Max(problem, p);
        }

        // Operands that get parentheses count as primary expressions.
        if (Unparen(e.X) is BinaryExpr l && Precedence(l.Op) >= prec)
        {
            Merge(l);
        }

        switch (Unparen(e.Y))
        {
            case BinaryExpr r when Precedence(r.Op) > prec:
                Merge(r);
                break;
            case UnaryExpr u:
                var pair = Evaluator.OpText(e.Op) + UnaryText(u.Op);
                if (pair == "/*")
                {
                    problem = 8;
                }
                else if (pair is "++" or "--" && problem < 6)
                {
                    problem = 6;
                }

                break;
        }

        return (has6, has7, problem);
    }

    private static Expr Unparen(Expr e) => e is ParenExpr p ? Unparen(p.X) : e;

    private static int Precedence(BinOp op) => op switch
    {
        BinOp.Or => 1,
        BinOp.And => 2,
        BinOp.LOr => 3,
        BinOp.LAnd => 4,
        BinOp.Eq or BinOp.Neq or BinOp.Lss or BinOp.Leq or BinOp.Gtr or BinOp.Geq or BinOp.Match or BinOp.NotMatch => 5,
        BinOp.Add or BinOp.Sub => 6,
        _ => 7,
    };

    private static string UnaryText(Tok op) => Evaluator.UnaryOpText(op) ?? "";

    private static string Indent(int level) => new(' ', level * 4);

    /// <summary>Writes <paramref name="e"/>; <paramref name="outer"/> is the precedence of the enclosing operator
    /// (0 for none): a lower one gets parentheses. <paramref name="depth"/> is v0.4's nesting depth (1 at the top
    /// of a value, more inside operands, arguments and interpolations), which decides whether <c>+</c>, <c>-</c>,
    /// <c>*</c> and <c>/</c> get blanks: <see cref="Cutoff"/>.</summary>
    private void Write(StringBuilder sb, Expr e, int level, int outer, int depth = 1)
    {
        switch (e)
        {
            case ParenExpr p:
                Write(sb, p.X, level, outer, depth);
                break;
            case Ident { Kind: RefKind.LabelAlias } alias when !_patternAliases.Contains(alias.Name):
                // Outside the pattern that names it, v0.4 has no label to show for the alias and prints its type.
                sb.Append("string");
                break;
            case Ident id:
                if (id.Kind == RefKind.Import && id.Target is string path)
                {
                    _imports.Add((path, id.Name));
                }

                sb.Append(id.Name);
                break;
            case BasicLit b:
                sb.Append(Literal(b, level));
                break;
            case Interpolation ip:
                WriteInterpolation(sb, ip, level);
                break;
            case SelectorExpr s:
                Write(sb, s.X, level, 8, depth);

                // A regular field selected by a quoted label (`files."/out.json"`) keeps its quotes.
                sb.Append('.').Append(s.Sel.StartsWith('#') || s.Sel.StartsWith('_') ? s.Sel : CuePrinter.StringLabel(s.Sel));
                break;
            case IndexExpr ix:
                Write(sb, ix.X, level, 8);
                sb.Append('[');
                Write(sb, ix.Index, level, 0, depth + 1);
                sb.Append(']');
                break;
            case SliceExpr sl:
                Write(sb, sl.X, level, 8);
                sb.Append('[');
                if (sl.Lo is not null)
                {
                    Write(sb, sl.Lo, level, 0, depth + 1);
                }

                // Blanks around the colon when a bound is an operation, at the top only.
                sb.Append(depth <= 1 && sl.Lo is not null && sl.Hi is not null && (Unparen(sl.Lo) is BinaryExpr || Unparen(sl.Hi) is BinaryExpr) ? " : " : ":");
                if (sl.Hi is not null)
                {
                    Write(sb, sl.Hi, level, 0, depth + 1);
                }

                sb.Append(']');
                break;
            case CallExpr c:
                {
                    var inner = c.Args.Count > 1 ? depth + 1 : depth;
                    Write(sb, c.Fun, level, 8, inner);
                    sb.Append('(');
                    for (var i = 0; i < c.Args.Count; i++)
                    {
                        sb.Append(i > 0 ? ", " : "");
                        Write(sb, c.Args[i], level, 0, inner);
                    }
                }

                sb.Append(')');
                break;
            case UnaryExpr u:
                sb.Append(UnaryText(u.Op));
                Write(sb, u.X, level, 8, depth);
                break;
            case BinaryExpr bin:
                {
                    var prec = Precedence(bin.Op);
                    if (prec < outer)
                    {
                        // Parentheses undo one level of depth.
                        sb.Append('(');
                        Write(sb, bin, level, 0, Math.Max(1, depth - 1));
                        sb.Append(')');
                        break;
                    }

                    var op = Evaluator.OpText(bin.Op);

                    // A word operator (div, mod, quo, rem) cannot touch its operands.
                    var blank = prec < Cutoff(bin, depth) || char.IsLetter(op[0]) ? " " : "";
                    Write(sb, bin.X, level, prec, Unparen(bin.X) is BinaryExpr x && Precedence(x.Op) == prec ? depth : depth + 1);
                    sb.Append(blank).Append(op).Append(blank);
                    Write(sb, bin.Y, level, prec + 1, depth + 1);
                    break;
                }

            case DisjunctionExpr d:
                {
                    var paren = outer > 1;
                    sb.Append(paren ? "(" : "");
                    var inner = paren ? Math.Max(1, depth - 1) : depth;
                    for (var i = 0; i < d.Terms.Count; i++)
                    {
                        sb.Append(i > 0 ? " | " : "").Append(d.Terms[i].Default ? "*" : "");
                        Write(sb, d.Terms[i].Expr, level, d.Terms[i].Default ? 8 : 2, inner);
                    }

                    sb.Append(paren ? ")" : "");
                    break;
                }

            case ListLit l:
                // v0.4's printer puts a blank before a comprehension that opens a list (`[ for x in l {`).
                sb.Append(l.Elems is [Comprehension, ..] ? "[ " : "[");
                for (var i = 0; i < l.Elems.Count; i++)
                {
                    sb.Append(i > 0 ? ", " : "");
                    Write(sb, l.Elems[i], level, 0);
                }

                if (l.Ellipsis is not null)
                {
                    sb.Append(l.Elems.Count > 0 ? ", " : "").Append("...");
                    if (l.Ellipsis is not Ident { Name: "_" })
                    {
                        Write(sb, l.Ellipsis, level, 8);
                    }
                }

                sb.Append(']');
                break;
            case StructLit s:
                if (IsComplex(s))
                {
                    WriteStruct(sb, s, level);
                }
                else
                {
                    sb.Append(Merge([s], level, outer));
                }

                break;
            case Comprehension comp:
                WriteComprehension(sb, comp, level);
                break;
            case VertexRefExpr { Shown: { } shown }:
                sb.Append(shown);
                break;
            default:
                sb.Append('_');
                break;
        }
    }

    private static string Literal(BasicLit b, int level)
    {
        if (b.Text.Length > 0 && b.Kind != LitKind.Bottom)
        {
            // v0.4 prints a one-line string literal holding a newline ("a\nb") in its multi-line form, as a value.
            if (b.Kind == LitKind.String && b.Text.StartsWith('"') && !b.Text.StartsWith("\"\"\"", StringComparison.Ordinal) && b.Value is string text && text.Contains('\n'))
            {
                return CuePrinter.StringText(text, level);
            }

            return b.Kind is LitKind.String or LitKind.Bytes ? CuePrinter.Reindent(b.Text, level) : b.Text;
        }

        return b.Kind switch
        {
            LitKind.Null => "null",
            LitKind.Bool => b.Value is true ? "true" : "false",
            LitKind.Bottom => BottomText + LineBreak,
            LitKind.String => CueText.Quote(b.Value as string ?? ""),
            _ => b.Value?.ToString() ?? "_",
        };
    }

    private void WriteInterpolation(StringBuilder sb, Interpolation ip, int level)
    {
        if (!ip.IsBytes && ip.Parts.Any(p => p is string s && s.Contains('\n')))
        {
            WriteMultiLine(sb, ip, level);
            return;
        }

        var q = ip.IsBytes ? '\'' : '"';
        sb.Append(q);
        foreach (var part in ip.Parts)
        {
            switch (part)
            {
                case string s:
                    var quoted = CueText.Quote(s);
                    sb.Append(ip.IsBytes ? quoted[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) : quoted[1..^1]);
                    break;
                case byte[] bytes:
                    sb.Append(CueText.QuoteBytes(bytes)[1..^1]);
                    break;
                case Expr x:
                    sb.Append("\\(");
                    Write(sb, x, level, 0, 2);
                    sb.Append(')');
                    break;
            }
        }

        sb.Append(q);
    }

    /// <summary>An interpolation with line breaks, as a multi-line string at the indentation of <paramref name="level"/>.</summary>
    private void WriteMultiLine(StringBuilder sb, Interpolation ip, int level)
    {
        var indent = Indent(level + 1);
        sb.Append("\"\"\"\n");

        // A line is indented when something is written on it: an empty line stays empty, as v0.4 prints it.
        var lineStart = true;
        void Text(string text)
        {
            if (lineStart)
            {
                sb.Append(indent);
                lineStart = false;
            }

            sb.Append(text);
        }

        foreach (var part in ip.Parts)
        {
            switch (part)
            {
                case string s:
                    foreach (var c in s)
                    {
                        switch (c)
                        {
                            case '\n':
                                sb.Append('\n');
                                lineStart = true;
                                break;
                            case '\\':
                                Text("\\\\");
                                break;
                            case '\t':
                                // v0.4 writes only graphic characters literally here: a tab is escaped.
                                Text("\\t");
                                break;
                            case < ' ':
                                Text(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"));
                                break;
                            default:
                                Text(c.ToString());
                                break;
                        }
                    }

                    break;
                case Expr x:
                    Text("\\(");
                    Write(sb, x, level, 0);
                    sb.Append(')');
                    break;
            }
        }

        sb.Append('\n').Append(indent).Append("\"\"\"");
    }

    private void WriteStruct(StringBuilder sb, StructLit s, int level)
    {
        if (s.Decls.Count == 0 && !s.HasEllipsis)
        {
            sb.Append("{}");
            return;
        }

        sb.Append("{\n");
        var lines = new List<(string? Label, string Text)>();
        foreach (var d in s.Decls)
        {
            if (d is LetDecl)
            {
                // v0.4 keeps no declaration for a let: its uses print as references to it.
                continue;
            }

            if (d is Field f)
            {
                var lb = new StringBuilder();
                if (f.Alias is not null)
                {
                    lb.Append(f.Alias).Append('=');
                }

                WriteLabel(lb, f.Label, level + 1);
                var vb = new StringBuilder();
                if (f.ValueAlias is not null)
                {
                    vb.Append(f.ValueAlias).Append('=');
                }

                var pushed = PushAlias(f.Label);
                Write(vb, f.Value, level + 1, 0);
                PopAlias(pushed);
                lines.Add((lb.Append(f.Optional ? "?:" : ":").ToString(), BreakLines(vb.ToString(), level + 2).TrimEnd(LineBreak)));
                continue;
            }

            var db = new StringBuilder();
            WriteDecl(db, d, level + 1);
            lines.Add((null, BreakLines(db.ToString(), level + 2).TrimEnd(LineBreak)));
        }

        if (s.HasEllipsis && !s.Decls.Any(d => d is EllipsisDecl))
        {
            lines.Add((null, "..."));
        }

        AppendLines(sb, lines, level + 1);
        sb.Append(Indent(level)).Append('}');
    }

    private void WriteDecl(StringBuilder sb, Decl d, int level)
    {
        switch (d)
        {
            case Field f:
                if (f.Alias is not null)
                {
                    sb.Append(f.Alias).Append('=');
                }

                WriteLabel(sb, f.Label, level);
                sb.Append(f.Optional ? "?: " : ": ");
                if (f.ValueAlias is not null)
                {
                    sb.Append(f.ValueAlias).Append('=');
                }

                var inPattern = PushAlias(f.Label);
                Write(sb, f.Value, level, 0);
                PopAlias(inPattern);
                break;
            case EmbedDecl em:
                Write(sb, em.Expr, level, 0);
                break;
            case LetDecl let:
                sb.Append("let ").Append(let.Name).Append(" = ");
                Write(sb, let.Expr, level, 0);
                break;
            case EllipsisDecl el:
                sb.Append("...");
                if (el.Type is not null)
                {
                    Write(sb, el.Type, level, 8);
                }

                break;
            case ComprehensionDecl cd:
                WriteComprehension(sb, cd.Comprehension, level);
                break;
        }
    }

    // The aliases of the pattern constraints whose values are being written (`[X=string]: {a: X}` prints X).
    private readonly List<string> _patternAliases = [];

    private bool PushAlias(Syntax.Label l)
    {
        if (l.Kind != LabelKind.Pattern || l.PatternAlias is not { } alias)
        {
            return false;
        }

        _patternAliases.Add(alias);
        return true;
    }

    private void PopAlias(bool pushed)
    {
        if (pushed)
        {
            _patternAliases.RemoveAt(_patternAliases.Count - 1);
        }
    }

    private void WriteLabel(StringBuilder sb, Syntax.Label l, int level)
    {
        switch (l.Kind)
        {
            case LabelKind.Dynamic:
                if (l.Expr is Interpolation ip)
                {
                    WriteInterpolation(sb, ip, level);
                }
                else
                {
                    sb.Append('(');
                    Write(sb, l.Expr!, level, 0);
                    sb.Append(')');
                }

                break;
            case LabelKind.Pattern:
                sb.Append('[');
                if (l.PatternAlias is not null)
                {
                    sb.Append(l.PatternAlias).Append('=');
                }

                Write(sb, l.Expr!, level, 0);
                sb.Append(']');
                break;
            case LabelKind.Regular:
                // `"config": config` (quoted so the value can refer to an outer config) prints bare, as in v0.4.
                sb.Append(CuePrinter.StringLabel(l.Name));
                break;
            default:
                sb.Append(l.IsIdent ? l.Name : CueText.Quote(l.Name));
                break;
        }
    }

    private void WriteComprehension(StringBuilder sb, Comprehension c, int level)
    {
        foreach (var clause in c.Clauses)
        {
            var start = sb.Length;
            switch (clause)
            {
                case ForClause f:
                    sb.Append("for ");
                    if (f.Key is not null)
                    {
                        sb.Append(f.Key.Name).Append(", ");
                    }

                    sb.Append(f.Value.Name).Append(" in ");
                    Write(sb, f.Source, level, 0);
                    break;
                case IfClause i:
                    sb.Append("if ");
                    Write(sb, i.Cond, level, 0);
                    break;
                case LetClause l:
                    sb.Append("let ").Append(l.Name.Name).Append(" = ");
                    Write(sb, l.Expr, level, 0);
                    break;
            }

            // A clause that ends in a comment puts what follows on the next line, at the clause's indentation;
            // v0.4 indents a break inside the clause four levels further.
            var text = BreakLines(sb.ToString(start, sb.Length - start), level + 4);
            sb.Length = start;
            sb.Append(text.EndsWith(LineBreak) ? text[..^1] + "\n" + Indent(level) : text + " ");
        }

        WriteStruct(sb, c.Body, level);
    }
}
