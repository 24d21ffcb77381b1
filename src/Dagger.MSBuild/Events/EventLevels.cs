namespace Dagger.MSBuild.Events;

/// <summary>Reads the level names of the event stream and of <c>DaggerLogLevel</c>.</summary>
internal static class EventLevels
{
    /// <summary>The level named <paramref name="name"/> (any case; <c>warning</c> for <c>warn</c>), or null.</summary>
    public static EventLevel? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "debug" => EventLevel.Debug,
        "info" => EventLevel.Info,
        "warn" or "warning" => EventLevel.Warn,
        "error" => EventLevel.Error,
        _ => null,
    };
}
