namespace Dagger.Runtime.Cue;

/// <summary>
/// Evaluation work done by a <see cref="CueContext"/> so far: a deterministic measure of how much was (re-)evaluated,
/// for comparing strategies without timing.
/// </summary>
/// <param name="VerticesEvaluated">Evaluations of a value's own conjuncts (each field, list element or intermediate
/// value evaluated again counts again).</param>
/// <param name="ConjunctsAdded">Conjuncts unified during those evaluations.</param>
public readonly record struct CueWork(long VerticesEvaluated, long ConjunctsAdded)
{
    /// <summary>The work done between two readings.</summary>
    public static CueWork operator -(CueWork after, CueWork before) =>
        new(after.VerticesEvaluated - before.VerticesEvaluated, after.ConjunctsAdded - before.ConjunctsAdded);

    /// <summary>The work done between two readings.</summary>
    public static CueWork Subtract(CueWork after, CueWork before) => after - before;
}
