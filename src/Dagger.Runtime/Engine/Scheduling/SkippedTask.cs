namespace Dagger.Runtime.Engine.Scheduling;

/// <summary>A task that never became concrete, and the paths it still waited for.</summary>
public sealed record SkippedTask(string Path, IReadOnlyList<string> Missing);
