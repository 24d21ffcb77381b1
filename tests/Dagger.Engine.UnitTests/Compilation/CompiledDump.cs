using System.Text.Json;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Llb;

namespace Dagger.Engine.UnitTests.Compilation;

/// <summary>The JSON dump of a state's definition, with lookups by the op (tag) that made each vertex.</summary>
internal sealed class CompiledDump
{
    private readonly LlbDefinition definition;

    private CompiledDump(LlbDefinition definition)
    {
        this.definition = definition;
        Json = definition.ToJson();
        Ops = [.. JsonDocument.Parse(Json).RootElement.GetProperty("ops").EnumerateArray()];
    }

    public string Json { get; }

    public IReadOnlyList<JsonElement> Ops { get; }

    public static CompiledDump Of(State state) => new(state.Marshal());

    /// <summary>The one vertex that the op at CUE path <paramref name="path"/> made.</summary>
    public JsonElement ByPath(string path) =>
        Ops.Single(o => definition.Tags.GetValueOrDefault(new Digest(o.GetProperty("digest").GetString()!)) is OpSource s && s.Path == path);

    public static string? Name(JsonElement op) =>
        op.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("description", out var d) && d.TryGetProperty("llb.customname", out var n)
            ? n.GetString()
            : null;

    public static bool IgnoresCache(JsonElement op) =>
        op.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("ignore_cache", out var ic) && ic.GetBoolean();

    public static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
