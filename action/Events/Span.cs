namespace Dagger.Action.Events;

/// <summary>A place in a CUE file of the plan (events.md, "Spans"): lines and columns from 1.</summary>
/// <param name="File">The file, relative to the plan's folder with <c>/</c>, or absolute when outside it.</param>
/// <param name="Line">The first line.</param>
/// <param name="Column">The first column, in UTF-16 code units.</param>
/// <param name="EndLine">The last line.</param>
/// <param name="EndColumn">The column just after the last character.</param>
internal sealed record Span(string File, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>The place as people read it: <c>main.cue:9:3</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
