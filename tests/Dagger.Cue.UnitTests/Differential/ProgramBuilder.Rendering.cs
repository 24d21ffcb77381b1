namespace Dagger.Cue.UnitTests.Differential;

/// <summary>Rendering: struct literals with their fields and text items, tab-indented like cue fmt.</summary>
internal sealed partial class ProgramBuilder
{
    private void ShuffleItems(GenNode s)
    {
        if (!s.InDefinition && _rnd.NextDouble() < 0.5)
        {
            var shuffled = Shuffled(s.Items);
            s.Items.Clear();
            s.Items.AddRange(shuffled);
        }

        foreach (var c in s.Children.Where(c => !c.Virtual && !c.InDefinition && c.Shape == GenShape.Struct))
        {
            ShuffleItems(c);
        }
    }

    private List<string> RenderItems(GenNode s, string indent)
    {
        var lines = new List<string>();
        foreach (var item in s.Items)
        {
            if (item is GenNode n)
            {
                if (!n.Virtual)
                {
                    var label = n.Label + (n.Kind == GenLabelKind.Optional ? "?" : "");
                    lines.Add($"{indent}{label}: {RenderValue(n, indent)}");
                }
            }
            else if (((GenItem)item).Render(indent) is { } text)
            {
                lines.Add(indent + text);
            }
        }

        return lines;
    }

    private string RenderValue(GenNode n, string indent) =>
        n.Shape != GenShape.Struct || n.Text is not null ? n.Text ?? "_" : (n.Prefix ?? "") + RenderLiteral(n, indent);

    private string RenderLiteral(GenNode n, string indent)
    {
        var lines = RenderItems(n, indent + "\t");
        return lines.Count == 0 ? "{}" : "{\n" + string.Join("\n", lines) + "\n" + indent + "}";
    }
}
