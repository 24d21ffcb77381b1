using System.Text;

namespace Dagger.Action.Reporting;

/// <summary>
/// Markdown built a line at a time within a limit (characters for a check run, UTF-8 bytes for a step summary).
/// Once a line does not fit, it and every later one are left out, and <see cref="Build"/> ends with a note that
/// says how many and why, for which room is kept.
/// </summary>
/// <param name="limit">The size the whole text must stay within.</param>
/// <param name="inBytes">Whether the limit counts UTF-8 bytes rather than characters.</param>
internal sealed class BoundedText(int limit, bool inBytes)
{
    private const int NoteRoom = 512;

    private readonly StringBuilder text = new();
    private int size;

    /// <summary>Lines left out.</summary>
    public int Omitted { get; private set; }

    /// <summary>Adds a line; false when it was left out.</summary>
    public bool Add(string line)
    {
        var cost = Measure(line) + 1;
        if (Omitted > 0 || size + cost > limit - NoteRoom)
        {
            Omitted++;
            return false;
        }

        text.Append(line).Append('\n');
        size += cost;
        return true;
    }

    /// <summary>The text, with a note when lines were left out: <paramref name="where"/> says where they can be read.</summary>
    public string Build(string where)
    {
        if (Omitted == 0)
        {
            return text.ToString();
        }

        var note = $"\n> **{Omitted} more line{(Omitted == 1 ? "" : "s")} left out**: GitHub takes at most {limit:N0} {(inBytes ? "bytes" : "characters")} here. {where}\n";
        return text.ToString() + TextLimits.Characters(note, NoteRoom - 1);
    }

    private int Measure(string line) => inBytes ? Encoding.UTF8.GetByteCount(line) : line.Length;
}
