using System.Text.Json;
using Dagger.Runtime.Llb;

namespace Dagger.Engine.UnitTests.Compilation;

/// <summary>The JSON dump of a state's definition, with lookups by vertex name.</summary>
internal sealed class CompiledDump
{
    private CompiledDump(string json)
    {
        Json = json;
        Ops = [.. JsonDocument.Parse(json).RootElement.GetProperty("ops").EnumerateArray()];
    }

    public string Json { get; }

    public IReadOnlyList<JsonElement> Ops { get; }

    public static CompiledDump Of(State state) => new(state.Marshal().ToJson());

    /// <summary>The op whose custom name starts with <c>@path@</c>.</summary>
    public JsonElement ByPath(string path) =>
        Ops.Single(o => Name(o)?.StartsWith("@" + path + "@ ", StringComparison.Ordinal) == true);

    public static string? Name(JsonElement op) =>
        op.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("description", out var d) && d.TryGetProperty("llb.customname", out var n)
            ? n.GetString()
            : null;

    public static bool IgnoresCache(JsonElement op) =>
        op.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("ignore_cache", out var ic) && ic.GetBoolean();

    public static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
