namespace Dagger.Action.Events;

/// <summary>
/// One line of the tool's stderr, read: an event, a line that is not an event (shown as it is), or an event of a
/// schema version this action does not know.
/// </summary>
/// <param name="Text">The line as the tool wrote it.</param>
/// <param name="Event">The event, when the line is one of version 1.</param>
/// <param name="UnknownVersion">The <c>v</c> of an event of another schema version, or null.</param>
internal sealed record StreamLine(string Text, DaggerEvent? Event, int? UnknownVersion);
