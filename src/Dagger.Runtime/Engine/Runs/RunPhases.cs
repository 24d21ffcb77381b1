namespace Dagger.Runtime.Engine.Runs;

/// <summary>
/// Where a run's time went, in the order the phases happen (they do not overlap): what is left of the run's duration
/// is closing the sessions. A phase the run did not reach is zero.
/// </summary>
/// <param name="Load">Loading the plan: CUE parses and evaluates it with its inputs.</param>
/// <param name="Connect">Waiting, after the load, for the engine's connection and the client session (the engine's
/// way back to local files and secrets), which are made while CUE loads.</param>
/// <param name="Session">Starting the build session.</param>
/// <param name="Tasks">Running the tasks: compiling, solving, reading exports and filling them back into CUE.</param>
/// <param name="Finish">Ending the build session, which waits for the engine to release the solves.</param>
public sealed record RunPhases(TimeSpan Load, TimeSpan Connect, TimeSpan Session, TimeSpan Tasks, TimeSpan Finish)
{
    /// <summary>A run that reached no phase.</summary>
    public static RunPhases None { get; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
}
