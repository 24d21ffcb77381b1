using System.Text.Json;
using System.Text.Json.Nodes;
using Dagger.Runtime.Engine.Diagnostics;

namespace Dagger.Runtime.Engine.Environments;

/// <summary>
/// <c>state/computed.json</c>: the values the last successful run computed (what its exports filled into the plan,
/// beyond the plan and the inputs), as pretty JSON with sorted keys. Written atomically, so a failed or interrupted run
/// leaves the previous one.
/// </summary>
public static class StateStore
{
    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The computed values of the last run as JSON, or null when there has been none.</summary>
    /// <exception cref="DaggerException"><see cref="ErrorCodes.StateInvalid"/>, naming the file and the line.</exception>
    public static string? ReadComputed(DaggerEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = environment.ComputedPath;
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? text
                : throw new DaggerException(ErrorCodes.StateInvalid, Message.Format(Messages.StateNotAnObject, path));
        }
        catch (JsonException e)
        {
            throw new DaggerException(ErrorCodes.StateInvalid, Message.Format(Messages.StateNotValidJson, path, (e.LineNumber ?? 0) + 1, FirstSentence(e.Message)));
        }
    }

    /// <summary>Replaces <c>computed.json</c> with <paramref name="json"/> (re-indented), atomically.</summary>
    public static void WriteComputed(DaggerEnvironment environment, string json)
    {
        ArgumentNullException.ThrowIfNull(environment);
        AtomicFile.Write(environment.ComputedPath, Indent(json) + "\n");
    }

    /// <summary>
    /// What <paramref name="after"/> (the plan with a run's results) adds to <paramref name="before"/> (the plan and
    /// its inputs): the computed layer.
    /// </summary>
    public static string ComputedLayer(string before, string after)
    {
        var diff = Difference(JsonNode.Parse(before), JsonNode.Parse(after));
        return (diff ?? new JsonObject()).ToJsonString();
    }

    /// <summary>The computed values of the last run, or null when there are none or they do not parse.</summary>
    public static string? ReadComputedOrNull(DaggerEnvironment environment)
    {
        try
        {
            return ReadComputed(environment);
        }
        catch (DaggerException)
        {
            return null;
        }
    }

    /// <summary><paramref name="layer"/> laid over <paramref name="previous"/>: objects merged, other values replaced.</summary>
    public static string Merge(string previous, string layer)
    {
        var result = JsonNode.Parse(previous) as JsonObject ?? [];
        MergeInto(result, JsonNode.Parse(layer) as JsonObject ?? []);
        return result.ToJsonString();
    }

    private static void MergeInto(JsonObject target, JsonObject layer)
    {
        foreach (var (key, value) in layer)
        {
            if (value is JsonObject sub && target[key] is JsonObject existing)
            {
                MergeInto(existing, sub);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    /// <summary><paramref name="json"/> indented by two spaces, as <c>dagger query</c> prints it.</summary>
    public static string Indent(string json) => JsonNode.Parse(json)?.ToJsonString(Pretty) ?? "null";

    private static JsonNode? Difference(JsonNode? before, JsonNode? after)
    {
        if (after is JsonObject afterObject && before is JsonObject beforeObject)
        {
            var result = new JsonObject();
            foreach (var (key, value) in afterObject)
            {
                var sub = beforeObject.TryGetPropertyValue(key, out var old) ? Difference(old, value) : value?.DeepClone();
                if (sub is not null && !(sub is JsonObject { Count: 0 } && beforeObject.ContainsKey(key)))
                {
                    result[key] = sub;
                }
            }

            return result.Count == 0 ? null : result;
        }

        return JsonNode.DeepEquals(before, after) ? null : after?.DeepClone();
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
