using System.Globalization;

namespace Dagger.Tool.Rendering;

/// <summary>How the tty view draws a task: a finished one once, for good; the running ones in the live region.</summary>
internal static class GroupView
{
    /// <summary>How many of its last lines a running task shows.</summary>
    public const int Tail = 5;

    private const string Indent = "  ";
    private static readonly string[] Spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

    /// <summary>
    /// A finished task: one line when it completed (<c>✔ app.build  1.2s</c>); when it failed, also every line it
    /// printed and its error, as the plain log writes it. These lines are printed once and never redrawn, so they are
    /// not cut to the terminal's width: a long line wraps, and stays whole in the scrollback.
    /// </summary>
    public static IEnumerable<string> Finished(TaskGroup group, Ansi ansi)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(ansi);
        var path = ansi.Paint(Name(group.Path), Ansi.Bold);
        switch (group.State)
        {
            case GroupState.Completed:
                yield return $"{ansi.Paint("✔", Ansi.Green)} {path}  {ansi.Paint(Seconds(group.Duration), Ansi.Dim)}";
                break;
            case GroupState.Cached:
                yield return $"{ansi.Paint("✔", Ansi.Green)} {path}  {ansi.Paint("cached", Ansi.Dim)}";
                break;
            case GroupState.Skipped:
                yield return $"{ansi.Paint("○", Ansi.Yellow)} {path}  {ansi.Paint("skipped", Ansi.Yellow)}";
                break;
            case GroupState.Cancelled:
                yield return $"{ansi.Paint("⊘", Ansi.Yellow)} {path}  {ansi.Paint("cancelled after " + Seconds(group.Duration), Ansi.Yellow)}";
                break;
            default:
                yield return $"{ansi.Paint("✘", Ansi.Red)} {path}  {ansi.Paint(group.Duration is null ? "failed" : "failed after " + Seconds(group.Duration), Ansi.Red)}";
                if (group.Dropped > 0)
                {
                    yield return Indent + ansi.Paint(string.Create(CultureInfo.InvariantCulture, $"… {group.Dropped} earlier lines not kept"), Ansi.Dim);
                }

                foreach (var line in group.Lines)
                {
                    yield return Indent + line;
                }

                break;
        }

        var style = group.State == GroupState.Failed ? Ansi.Red : Ansi.Yellow;
        foreach (var problem in group.Problems)
        {
            yield return ansi.Paint(problem, style);
        }
    }

    /// <summary>
    /// The live region: each running task, in the order they started, with the time it has run and the last
    /// <see cref="Tail"/> lines it printed; each line cut to fit in <paramref name="width"/> columns. When that would
    /// not fit in <paramref name="height"/> lines (less one, for the cursor), the tasks' lines go first, then tasks.
    /// </summary>
    public static List<string> Live(IReadOnlyList<TaskGroup> running, DateTimeOffset now, int width, int height, Ansi ansi)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(ansi);
        var room = Math.Max(1, height - 1);
        var spinner = Spinner[(int)(now.ToUnixTimeMilliseconds() / 100 % Spinner.Length)];
        var headers = running.Select(g => Header(g, now, spinner, ansi)).ToList();
        var lines = new List<string>();
        if (headers.Count + running.Sum(g => Math.Min(Tail, g.Lines.Count)) <= room)
        {
            for (var i = 0; i < running.Count; i++)
            {
                lines.Add(headers[i]);
                lines.AddRange(running[i].Lines.Skip(running[i].Lines.Count - Tail).Select(l => Indent + ansi.Paint(l, Ansi.Dim)));
            }
        }
        else if (headers.Count <= room)
        {
            lines.AddRange(headers);
        }
        else
        {
            lines.AddRange(headers.Take(room - 1));
            lines.Add(ansi.Paint(string.Create(CultureInfo.InvariantCulture, $"… and {headers.Count - room + 1} more running"), Ansi.Dim));
        }

        // One column short of the width: a line that fills the row leaves some terminals' cursor on the next row.
        return [.. lines.Select(l => TerminalText.Truncate(l, Math.Max(1, width - 1)))];
    }

    private static string Header(TaskGroup group, DateTimeOffset now, string spinner, Ansi ansi)
    {
        var header = $"{ansi.Paint(spinner, Ansi.Green)} {ansi.Paint(Name(group.Path), Ansi.Bold)}  {Seconds(now - group.Started)}";
        return group.Op is { } op ? $"{header}  {ansi.Paint(op, Ansi.Dim)}" : header;
    }

    private static string Seconds(TimeSpan? duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, duration?.TotalSeconds ?? 0):0.0}s");

    private static string Name(string path) => path.Length == 0 ? "(root)" : path;
}
