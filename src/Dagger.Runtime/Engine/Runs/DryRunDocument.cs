using System.Text;
using System.Text.Json;
using Dagger.Runtime.Engine.Scheduling;

namespace Dagger.Runtime.Engine.Runs;

/// <summary>What a dry run found: every task, the tasks it depends on, and the LLB of its pipeline or what it waits for.</summary>
/// <param name="Tasks">The tasks, in the plan's order.</param>
public sealed record DryRunDocument(IReadOnlyList<DryRunTask> Tasks)
{
    /// <summary>
    /// The document as indented JSON: <c>{"tasks": [{"path", "dependsOn", "status": "compiled", "exports", "llb"} or
    /// {"path", "dependsOn", "status": "waiting", "missing"}]}</c>.
    /// </summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("tasks");
            foreach (var task in Tasks)
            {
                json.WriteStartObject();
                json.WriteString("path", task.Path);
                WriteStrings(json, "dependsOn", task.DependsOn);
                if (task.Pipeline is { } pipeline)
                {
                    json.WriteString("status", "compiled");
                    WriteStrings(json, "exports", [.. pipeline.Exports.Select(e => e.Op.Path)]);
                    json.WritePropertyName("llb");
                    // Parsed again so that it is indented as part of the whole document.
                    using var llb = JsonDocument.Parse(pipeline.State.Marshal().ToJson());
                    llb.WriteTo(json);
                }
                else
                {
                    json.WriteString("status", "waiting");
                    WriteStrings(json, "missing", task.Missing);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
