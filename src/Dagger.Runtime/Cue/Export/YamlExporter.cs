using System.Text;
using System.Text.RegularExpressions;

using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Export;

/// <summary>
/// Writes concrete values as YAML in CUE's field order, in the style of the reference (go-yaml): two-space
/// indentation, sequences level with their key, literal blocks for multi-line strings.
/// </summary>
internal sealed partial class YamlExporter(Evaluator ev)
{
    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+)$")]
    private static partial Regex IntLike();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$")]
    private static partial Regex FloatLike();

    public static string Export(Evaluator ev, Vertex v)
    {
        var sb = new StringBuilder();
        var x = new YamlExporter(ev);
        var d = JsonExporter.Concrete(ev, v);
        if (IsBlock(d))
        {
            x.Block(sb, d, 0);
        }
        else
        {
            sb.Append(Inline(d, 0, 0, 2)).Append('\n');
        }

        return sb.ToString();
    }

    private static bool IsBlock(Value d) => d switch
    {
        Vertex { IsList: true } l => l.Elems.Count > 0,
        Vertex s => s.Arcs.Any(a => Labels.IsString(a.Label)),
        _ => false,
    };

    /// <summary>A scalar or empty collection that starts at <paramref name="column"/>; a long string folds onto lines
    /// indented by <paramref name="fold"/>.</summary>
    private static string Inline(Value d, int indent, int column, int fold) => d switch
    {
        Vertex { IsList: true } => "[]",
        Vertex => "{}",
        NullValue => "null",
        BoolValue b => b.B ? "true" : "false",
        NumValue n => n.D.ToString(),
        StringValue s => Str(s.S, indent, column, fold),
        BytesValue b => "!!binary " + Convert.ToBase64String(b.B),
        _ => d.ToString() ?? "",
    };

    /// <summary>Writes a non-empty struct or list whose lines start at <paramref name="indent"/>.</summary>
    private void Block(StringBuilder sb, Value d, int indent)
    {
        if (d is Vertex { IsList: true } l)
        {
            foreach (var e in l.Elems)
            {
                sb.Append(' ', indent).Append('-');
                Item(sb, JsonExporter.Concrete(ev, e), indent + 2);
            }

            return;
        }

        var first = true;
        foreach (var a in ExportOrder.Arcs((Vertex)d))
        {
            if (!Labels.IsString(a.Label))
            {
                continue;
            }

            if (!first)
            {
                sb.Append(' ', indent);
            }

            first = false;
            var key = Str(ev.Names.Name(a.Label), indent);
            var complex = key[0] == '|';
            if (complex)
            {
                // A key of several lines cannot be a simple key: go-yaml writes it as a complex one, "? " then ": ".
                sb.Append("? ").Append(key).Append('\n').Append(' ', indent);
            }
            else
            {
                sb.Append(key);
            }

            sb.Append(':');
            var v = JsonExporter.Concrete(ev, a);
            if (complex && IsBlock(v))
            {
                // After a complex key, a collection starts on the line of its colon.
                Item(sb, v, indent + 2);
            }
            else if (v is Vertex { IsList: true } && IsBlock(v))
            {
                sb.Append('\n');
                Block(sb, v, indent);
            }
            else if (IsBlock(v))
            {
                sb.Append('\n').Append(' ', indent + 2);
                Block(sb, v, indent + 2);
            }
            else
            {
                sb.Append(' ').Append(Inline(v, indent, indent + (complex ? 0 : key.EnumerateRunes().Count()) + 2, indent + 2)).Append('\n');
            }
        }
    }

    /// <summary>Writes the rest of a sequence item after its dash; nested blocks continue on the same line.</summary>
    private void Item(StringBuilder sb, Value v, int indent)
    {
        if (IsBlock(v))
        {
            sb.Append(' ');
            if (v is Vertex { IsList: true } l)
            {
                var first = true;
                foreach (var e in l.Elems)
                {
                    if (!first)
                    {
                        sb.Append(' ', indent);
                    }

                    first = false;
                    sb.Append('-');
                    Item(sb, JsonExporter.Concrete(ev, e), indent + 2);
                }
            }
            else
            {
                Block(sb, v, indent);
            }

            return;
        }

        sb.Append(' ').Append(Inline(v, indent, indent, indent)).Append('\n');
    }

    /// <summary>
    /// A string as go-yaml writes it: a literal block when it has lines, double-quoted when it would read as another
    /// type or holds control characters, single-quoted when plain would misread, else plain. A value that starts at
    /// <paramref name="column"/> (a key's text never does) folds as go-yaml's emitter does at its best width of 80:
    /// past that column, a single space between words becomes a line break indented by <paramref name="fold"/>.
    /// </summary>
    internal static string Str(string s, int indent, int column = -1, int fold = 0)
    {
        if (s.Length == 0)
        {
            return "\"\"";
        }

        var a = ScalarTraits.Of(s);
        if (s.Contains('\n'))
        {
            // go-yaml asks for a literal block; the emitter falls back to double quotes when a block cannot hold it.
            return a.BlockAllowed ? Literal(s, indent) : Quoted(s, column, fold);
        }

        if (s is "true" or "false" or "True" or "False" or "TRUE" or "FALSE" or "null" or "Null" or "NULL" or "~"
            || IntLike().IsMatch(s) || FloatLike().IsMatch(s))
        {
            return Quoted(s, column, fold);
        }

        var first = s[0];
        var indicators = ",[]{}#&*!|>'\"%@`".Contains(first)
            || (first is '-' or '?' or ':' && (s.Length == 1 || s[1] == ' '))
            || s.EndsWith(':')
            || s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal)
            || s.StartsWith("---", StringComparison.Ordinal) || s.StartsWith("...", StringComparison.Ordinal);
        if (!indicators && a.PlainAllowed)
        {
            return column < 0 ? s : Fold(s, column, fold, single: false);
        }

        if (a.SingleQuotedAllowed)
        {
            return column < 0 ? "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'" : Fold(s, column, fold, single: true);
        }

        return Quoted(s, column, fold);
    }

    private static string Quoted(string s, int column, int fold) => column < 0 ? DoubleQuoted(s) : FoldDoubleQuoted(s, column, fold);

    // A literal block: an indentation indicator when the text starts with a blank, and the chomping that keeps its
    // trailing line breaks (none: "-", one: clip, more: "+").
    private static string Literal(string s, int indent)
    {
        var sb = new StringBuilder("|");
        if (s[0] is ' ' or '\n')
        {
            sb.Append('2');
        }

        if (!s.EndsWith('\n'))
        {
            sb.Append('-');
        }
        else if (s.Length == 1 || s[^2] == '\n')
        {
            sb.Append('+');
        }

        var body = s.EndsWith('\n') ? s[..^1] : s;
        foreach (var line in body.Split('\n'))
        {
            sb.Append('\n');
            if (line.Length > 0)
            {
                sb.Append(' ', indent + 2).Append(line);
            }
        }

        return sb.ToString();
    }

    private const int BestWidth = 80;

    private static string DoubleQuoted(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var rune = char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? char.ConvertToUtf32(s[i], s[++i]) : s[i];
            AppendEscaped(sb, rune);
        }

        return sb.Append('"').ToString();
    }

    // go-yaml's escapes: named ones, then \x, \u or \U in upper-case hex for what is not printable in YAML.
    private static void AppendEscaped(StringBuilder sb, int c)
    {
        if (ScalarTraits.Printable(c) && c is not ('"' or '\\' or '\n' or 0xFEFF or 0x85 or 0x2028 or 0x2029))
        {
            sb.Append(char.ConvertFromUtf32(c));
            return;
        }

        var named = c switch
        {
            0x00 => "\\0",
            0x07 => "\\a",
            0x08 => "\\b",
            0x09 => "\\t",
            0x0A => "\\n",
            0x0B => "\\v",
            0x0C => "\\f",
            0x0D => "\\r",
            0x1B => "\\e",
            '"' => "\\\"",
            '\\' => "\\\\",
            0x85 => "\\N",
            0xA0 => "\\_",
            0x2028 => "\\L",
            0x2029 => "\\P",
            _ => null,
        };
        sb.Append(named ?? (c <= 0xFF ? $"\\x{c:X2}" : c <= 0xFFFF ? $"\\u{c:X4}" : $"\\U{c:X8}"));
    }

    // A plain or single-quoted scalar: a space may break the line when the column is past the best width, the space
    // follows a non-space and a non-space follows it (and, quoted, it is neither the first nor the last character).
    private static string Fold(string s, int column, int fold, bool single)
    {
        var sb = new StringBuilder(s.Length + 8);
        var col = column;
        if (single)
        {
            sb.Append('\'');
            col++;
        }

        var spaces = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == ' ')
            {
                var next = i + 1 < s.Length && s[i + 1] != ' ';
                if (!spaces && col > BestWidth && next && (!single || i > 0))
                {
                    sb.Append('\n').Append(' ', fold);
                    col = fold;
                }
                else
                {
                    sb.Append(' ');
                    col++;
                }

                spaces = true;
                continue;
            }

            sb.Append(c);
            if (single && c == '\'')
            {
                sb.Append('\'');
                col++;
            }

            if (!char.IsLowSurrogate(c))
            {
                col++;
            }

            spaces = false;
        }

        if (single)
        {
            sb.Append('\'');
        }

        return sb.ToString();
    }

    // A double-quoted scalar folds at a space that is neither its first nor its last character; a space after the
    // break would be lost, so the break then ends with a backslash.
    private static string FoldDoubleQuoted(string s, int column, int fold)
    {
        var sb = new StringBuilder(s.Length + 8).Append('"');
        var col = column + 1;
        var spaces = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == ' ')
            {
                if (!spaces && col > BestWidth && i != 0 && i != s.Length - 1)
                {
                    sb.Append('\n').Append(' ', fold);
                    col = fold;
                    if (s[i + 1] == ' ')
                    {
                        sb.Append('\\');
                        col++;
                    }
                }
                else
                {
                    sb.Append(' ');
                    col++;
                }

                spaces = true;
                continue;
            }

            var rune = char.IsHighSurrogate(c) && i + 1 < s.Length ? char.ConvertToUtf32(c, s[++i]) : c;
            var before = sb.Length;
            AppendEscaped(sb, rune);
            col += sb.Length - before - (rune > 0xFFFF ? 1 : 0);
            spaces = false;
        }

        return sb.Append('"').ToString();
    }
}
