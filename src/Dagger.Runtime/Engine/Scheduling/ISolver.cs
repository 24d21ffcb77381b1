using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Scheduling;

/// <summary>Runs LLB on the engine for the scheduler (BuildKit through one build session, or a fake in tests).</summary>
public interface ISolver
{
    /// <summary>
    /// Solves every state of <paramref name="reads"/> and <paramref name="effects"/> together, as one request where the
    /// engine allows it, and returns the contents of the files to read, in order.
    /// </summary>
    Task<IReadOnlyList<byte[]>> SolveAsync(IReadOnlyList<FileRead> reads, IReadOnlyList<State> effects, CancellationToken cancellationToken);
}
