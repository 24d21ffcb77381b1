namespace Dagger.Runtime.Engine.Events;

/// <summary>Something the engine reports while it runs; front ends render these, the engine never prints.</summary>
public abstract record EngineEvent;

/// <summary>A task's pipeline compiled and was sent to the engine.</summary>
public sealed record TaskStarted(string Path) : EngineEvent;

/// <summary>A task finished; its exported values (if any) are in the plan.</summary>
public sealed record TaskCompleted(string Path, TimeSpan Duration) : EngineEvent;

/// <summary>A task was not run because these paths never became concrete (a warning, not an error).</summary>
public sealed record TaskSkipped(string Path, IReadOnlyList<string> Missing) : EngineEvent;

/// <summary>One solve request finished.</summary>
/// <param name="Index">1 for the first solve of the run.</param>
/// <param name="Reads">How many files it read back.</param>
/// <param name="Effects">How many side-effect-only pipelines it ran.</param>
/// <param name="Duration">How long it took.</param>
public sealed record SolveCompleted(int Index, int Reads, int Effects, TimeSpan Duration) : EngineEvent;

/// <summary>Progress from the engine: a vertex started, finished, failed, or printed a log line.</summary>
public sealed record BuildProgress(BuildKit.BuildEvent Event) : EngineEvent;
