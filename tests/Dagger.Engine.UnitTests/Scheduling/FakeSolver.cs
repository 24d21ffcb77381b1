using System.Text;
using System.Text.RegularExpressions;
using Dagger.Runtime.Engine.Scheduling;
using Dagger.Runtime.Llb;

namespace Dagger.Engine.UnitTests.Scheduling;

/// <summary>
/// Solves nothing: a file's content is what the last exec of its state printed with <c>printf 'X' &gt; /out</c>.
/// Records every request.
/// </summary>
internal sealed partial class FakeSolver : ISolver
{
    public List<(IReadOnlyList<FileRead> Reads, IReadOnlyList<State> Effects)> Requests { get; } = [];

    public Task<IReadOnlyList<byte[]>> SolveAsync(IReadOnlyList<FileRead> reads, IReadOnlyList<State> effects, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add((reads, effects));
        }

        IReadOnlyList<byte[]> contents = [.. reads.Select(r => Encoding.UTF8.GetBytes(Printed(r.State)))];
        return Task.FromResult(contents);
    }

    public static string Printed(State state) =>
        PrintfPattern().Matches(state.Marshal().ToJson()) is { Count: > 0 } m ? m[^1].Groups[1].Value : throw new InvalidOperationException("no printf in the state");

    [GeneratedRegex(@"printf \\u0027(.*?)\\u0027 \\u003E /out")]
    private static partial Regex PrintfPattern();
}
