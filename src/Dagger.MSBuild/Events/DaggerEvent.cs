using Dagger.MSBuild.Json;

namespace Dagger.MSBuild.Events;

/// <summary>
/// One line of the tool's event stream (docs/events.md, schema version 1): the fields every event has, typed, and the
/// others by name. A reader ignores the fields it does not know.
/// </summary>
internal sealed class DaggerEvent
{
    private readonly IReadOnlyDictionary<string, object?> fields;

    private DaggerEvent(IReadOnlyDictionary<string, object?> fields, int version)
    {
        this.fields = fields;
        Version = version;
    }

    /// <summary>The schema version, <c>v</c>.</summary>
    public int Version { get; }

    /// <summary>What happened: <c>task.started</c>, <c>run.completed</c>, ….</summary>
    public string Name => Text("event") ?? "";

    /// <summary><c>debug</c>, <c>info</c>, <c>warn</c> or <c>error</c>.</summary>
    public string Level => Text("level") ?? "info";

    /// <summary>The line for people, in the tool's words.</summary>
    public string Message => Text("message") ?? "";

    /// <summary>The CUE path of the task the event concerns, or null.</summary>
    public string? Task => Text("task");

    /// <summary>The <c>DAGnnnn</c> code of a warning or an error, or null.</summary>
    public string? Code => Text("code");

    /// <summary>Where the problem is in the plan's source, or null.</summary>
    public SourceSpan? Span => SourceSpan.From(Field("span"));

    /// <summary>The further places of an event that names more than one.</summary>
    public IReadOnlyList<SourceSpan> Related =>
        Field("related") is IReadOnlyList<object?> items ? items.Select(SourceSpan.From).OfType<SourceSpan>().ToList() : [];

    /// <summary>
    /// Parses a line of the stream. Returns null when the line is not a JSON object with an integer <c>v</c> and an
    /// <c>event</c> name: such a line is not an event (a crash of the runtime, a line of stdout) and is shown as it is.
    /// </summary>
    public static DaggerEvent? TryParse(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed[0] != '{' || !JsonReader.TryParse(trimmed, out var value)
            || value is not IReadOnlyDictionary<string, object?> fields
            || !fields.TryGetValue("v", out var v) || v is not JsonNumber number || number.AsInt64() is not { } version
            || !fields.TryGetValue("event", out var name) || name is not string)
        {
            return null;
        }

        return new DaggerEvent(fields, version is >= 0 and <= int.MaxValue ? (int)version : -1);
    }

    /// <summary>A field by name, or null.</summary>
    public object? Field(string name) => fields.TryGetValue(name, out var value) ? value : null;

    /// <summary>A string field, or null when it is absent or not a string.</summary>
    public string? Text(string name) => Field(name) as string;

    /// <summary>An integer field, or null.</summary>
    public long? Integer(string name) => (Field(name) as JsonNumber)?.AsInt64();

    /// <summary>A number field, or null.</summary>
    public double? Number(string name) => (Field(name) as JsonNumber)?.AsDouble();

    /// <summary>A boolean field, or null.</summary>
    public bool? Boolean(string name) => Field(name) as bool?;

    /// <summary>The strings of an array field (other items left out); empty when it is absent.</summary>
    public IReadOnlyList<string> Strings(string name) =>
        Field(name) is IReadOnlyList<object?> items ? items.OfType<string>().ToList() : [];
}
