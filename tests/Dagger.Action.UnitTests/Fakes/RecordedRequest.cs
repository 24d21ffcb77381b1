using System.Text.Json;

namespace Dagger.Action.UnitTests.Fakes;

/// <summary>One request the fake GitHub API received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, without the query.</param>
/// <param name="At">When it arrived.</param>
/// <param name="Body">The JSON body, or an undefined element when there was none.</param>
/// <param name="Authorization">The Authorization header.</param>
internal sealed record RecordedRequest(string Method, string Path, DateTimeOffset At, JsonElement Body, string? Authorization)
{
    /// <summary>The method and path, as <c>POST /repos/o/r/check-runs</c>.</summary>
    public override string ToString() => $"{Method} {Path}";

    /// <summary>The annotations of a check run request (empty when it has none).</summary>
    public IReadOnlyList<JsonElement> Annotations =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("output", out var output) && output.TryGetProperty("annotations", out var annotations)
            && annotations.ValueKind == JsonValueKind.Array
            ? [.. annotations.EnumerateArray()]
            : [];

    /// <summary>A string field of the body, by a dotted path (<c>output.title</c>), or null.</summary>
    public string? Field(string path)
    {
        var element = Body;
        foreach (var name in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
    }
}
