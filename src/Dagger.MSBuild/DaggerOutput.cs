using Dagger.MSBuild.Json;
using Microsoft.Build.Framework;

namespace Dagger.MSBuild;

/// <summary>An output of a plan (<c>run.completed</c>'s <c>outputs</c>): its CUE path and its value as JSON.</summary>
/// <param name="Path">The CUE path of the output.</param>
/// <param name="Json">The value as <see cref="JsonReader"/> reads it; null when it is not concrete.</param>
internal sealed record DaggerOutput(string Path, object? Json)
{
    /// <summary>The value as a later target uses it: a string as it is, other values as JSON, empty for null.</summary>
    public string Value => Json switch
    {
        null => "",
        string text => text,
        _ => JsonWriter.Write(Json),
    };

    /// <summary>The output as one line of a stamp file: JSON, as <see cref="MSBuildText"/> carries it.</summary>
    public string ToLine() => MSBuildText.Encode(JsonWriter.Write(new Dictionary<string, object?> { ["path"] = Path, ["value"] = Json }));

    /// <summary>Reads <see cref="ToLine"/>'s text back; null when it is not an output.</summary>
    public static DaggerOutput? FromLine(string line) =>
        MSBuildText.Decode(line) is { } json && JsonReader.TryParse(json, out var value) ? From(value) : null;

    /// <summary>Reads an output of <c>run.completed</c> (or of a stamp line); null when it is not one.</summary>
    public static DaggerOutput? From(object? value) =>
        value is IReadOnlyDictionary<string, object?> fields && fields.TryGetValue("path", out var path) && path is string text
            ? new DaggerOutput(text, fields.TryGetValue("value", out var json) ? json : null)
            : null;

    /// <summary>The output as a <c>DaggerOutputs</c> item of <paramref name="plan"/>.</summary>
    public ITaskItem ToItem(string plan) => Items.Create(Path, ("Path", Path), ("Value", Value), ("Plan", plan));

    /// <summary>The output as an item of the run, with its stamp line as <c>Line</c>.</summary>
    public ITaskItem ToRunItem(string plan) =>
        Items.Create(Path, ("Path", Path), ("Value", Value), ("Plan", plan), ("Line", ToLine()));
}
