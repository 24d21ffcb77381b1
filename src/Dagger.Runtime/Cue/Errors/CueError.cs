using System.Text;

using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Errors;

/// <summary>
/// One error of an evaluation, like the reference CUE reports it: the path of the field where it surfaced, the
/// message, a primary position (when the error has one) and the positions of the values that contributed to it.
/// </summary>
/// <param name="Path">Dot-separated path (<c>a.b."c-d"</c>), or empty for errors outside any field.</param>
/// <param name="Message">The message without path or positions.</param>
/// <param name="Position">The primary position, or an invalid position when the error has none (conflicts).</param>
/// <param name="InputPositions">Further positions: both sides of a conflict, the definition that closed a struct.</param>
public sealed record CueError(string Path, string Message, Pos Position, IReadOnlyList<Pos> InputPositions)
{
    /// <summary>What kind of problem this is.</summary>
    public CueErrorKind Kind { get; init; } = CueErrorKind.Evaluation;

    /// <summary>The positions to print: the primary one first, then the others sorted, without duplicates.</summary>
    public IReadOnlyList<Pos> Positions
    {
        get
        {
            var rest = InputPositions.Where(p => p.IsValid && p != Position).Distinct().Order(PosComparer.Instance);
            return Position.IsValid ? [Position, .. rest] : [.. rest];
        }
    }

    /// <summary>The error as the reference prints it: <c>path: message:</c> then one indented position per line
    /// (file names relative to the working directory, starting with <c>./</c>).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Path.Length > 0)
        {
            sb.Append(Path).Append(": ");
        }

        sb.Append(Message);
        var positions = Positions;
        if (positions.Count > 0)
        {
            sb.Append(':');
            foreach (var p in positions)
            {
                sb.Append("\n    ").Append(Display(p));
            }
        }

        return sb.ToString();
    }

    /// <summary>A position as printed in errors: relative file names get a leading <c>./</c>, as the reference
    /// does for files under the working directory.</summary>
    public static string Display(Pos pos)
    {
        var f = pos.File;
        if (f.Length > 0 && !f.StartsWith('.') && !f.StartsWith('-') && !System.IO.Path.IsPathRooted(f))
        {
            f = "./" + f;
        }

        return $"{f}:{pos.Line}:{pos.Column}";
    }

    /// <summary>Sorts errors like the reference (primary position, then path, then text; errors without a
    /// position first) and drops the ones that repeat another on the same line and path.</summary>
    public static IReadOnlyList<CueError> Sanitize(IEnumerable<CueError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var sorted = errors.Order(ReportOrder.Instance).ToList();
        var result = new List<CueError>(sorted.Count);
        foreach (var e in sorted)
        {
            if (result.Count == 0 || !SameReport(result[^1], e))
            {
                result.Add(e);
            }
        }

        return result;
    }

    private static bool SameReport(CueError a, CueError b)
    {
        if (!a.Position.IsValid || !b.Position.IsValid)
        {
            return a.Path == b.Path && a.Message == b.Message;
        }

        return a.Position.File == b.Position.File && a.Position.Line == b.Position.Line && a.Path == b.Path;
    }

    private sealed class ReportOrder : IComparer<CueError>
    {
        public static readonly ReportOrder Instance = new();

        public int Compare(CueError? x, CueError? y)
        {
            if (x is null || y is null)
            {
                return x is null ? (y is null ? 0 : -1) : 1;
            }

            var c = PosComparer.Instance.Compare(x.Position, y.Position);
            if (c != 0)
            {
                return c;
            }

            c = ComparePath(x.Path, y.Path);
            return c != 0 ? c : string.CompareOrdinal(x.Message, y.Message);
        }

        private static int ComparePath(string a, string b)
        {
            var pa = a.Length == 0 ? [] : a.Split('.');
            var pb = b.Length == 0 ? [] : b.Split('.');
            for (var i = 0; i < pa.Length && i < pb.Length; i++)
            {
                var c = string.CompareOrdinal(pa[i], pb[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return pa.Length.CompareTo(pb.Length);
        }
    }

    private sealed class PosComparer : IComparer<Pos>
    {
        public static readonly PosComparer Instance = new();

        public int Compare(Pos x, Pos y)
        {
            // An invalid position has an empty file name, so it sorts first, as in the reference.
            var c = string.CompareOrdinal(x.IsValid ? x.File : "", y.IsValid ? y.File : "");
            if (c != 0)
            {
                return c;
            }

            c = (x.IsValid ? x.Line : 0).CompareTo(y.IsValid ? y.Line : 0);
            return c != 0 ? c : (x.IsValid ? x.Column : 0).CompareTo(y.IsValid ? y.Column : 0);
        }
    }
}
