using System.Text;

using Dagger.Runtime.Cue.Core;

using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>text/tabwriter</c> package: elastic tabstops with padding 1, like Go's tabwriter.</summary>
internal static class TabwriterPackage
{
    internal static string Format(string text)
    {
        var lines = text.Split('\n').Select(l => l.Split('\t')).ToList();
        var widths = lines.Select(l => new int[Math.Max(0, l.Length - 1)]).ToList();
        var maxCols = lines.Count == 0 ? 0 : lines.Max(l => l.Length - 1);
        for (var col = 0; col < maxCols; col++)
        {
            var i = 0;
            while (i < lines.Count)
            {
                if (lines[i].Length - 1 <= col)
                {
                    i++;
                    continue;
                }

                var start = i;
                var width = 0;
                while (i < lines.Count && lines[i].Length - 1 > col)
                {
                    width = Math.Max(width, lines[i][col].EnumerateRunes().Count() + 1);
                    i++;
                }

                for (var k = start; k < i; k++)
                {
                    widths[k][col] = width;
                }
            }
        }

        var sb = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('\n');
            }

            var cells = lines[i];
            for (var c = 0; c < cells.Length - 1; c++)
            {
                sb.Append(cells[c]).Append(' ', widths[i][c] - cells[c].EnumerateRunes().Count());
            }

            sb.Append(cells[^1]);
        }

        return sb.ToString();
    }

    public static PackageValue Create() => new PackageBuilder("text/tabwriter")
        .Fn("Write", [Kind.String | Kind.Bytes | Kind.List], Kind.String, c =>
        {
            var a = c.Arg(0);
            if (a is Vertex { IsList: true })
            {
                var parts = c.ListValues(0).Select(v => v is StringValue s ? s.S : throw new BuiltinException("tabwriter.Write: list elements must be strings"));
                return Str(Format(string.Concat(parts.Select(p => p + "\n"))));
            }

            return Str(Format(Encoding.UTF8.GetString(c.Bytes(0))));
        })
        .Build();
}

/// <summary>
/// The <c>text/template</c> package: <c>Execute</c> runs Go's template language (see <see cref="Template.Executor"/>)
/// on the data as CUE decodes it for Go.
/// </summary>
internal static class TemplatePackage
{
    public static PackageValue Create() => new PackageBuilder("text/template")
        .Fn("HTMLEscape", [Kind.String], Kind.String, c => Str(Template.Escapes.Html(c.Str(0))))
        .Fn("JSEscape", [Kind.String], Kind.String, c => Str(Template.Escapes.JavaScript(c.Str(0))))
        .Fn("Execute", [Kind.String, Kind.Top], Kind.String, c =>
        {
            var tmpl = c.Str(0);

            // CUE decodes the data before Go parses the template, so data errors win over template errors.
            var data = Template.GoData.Decode(c.Ev, c.Args[1]);
            return Str(Template.Executor.Execute(tmpl, data));
        })
        .Build();
}
