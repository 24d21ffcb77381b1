using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Dagger.TestRig;

/// <summary>
/// The event stream's contract as the repository documents it: every event must validate against
/// docs/events.schema.json, and every code it carries must be listed in docs/errors.md.
/// </summary>
public static partial class EventContract
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "docs", "events.schema.json"))));

    private static readonly Lazy<HashSet<string>> DocumentedCodes = new(() =>
        [.. CodeHeading().Matches(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "docs", "errors.md"))).Select(m => m.Groups[1].Value)]);

    /// <summary>The codes docs/errors.md explains (its <c>### DAGnnnn:</c> headings).</summary>
    public static IReadOnlySet<string> Codes => DocumentedCodes.Value;

    /// <summary>What is wrong with one line of the stream, or null when it is a valid event.</summary>
    public static string? Check(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return $"not JSON ({e.Message}): {line}";
        }

        using (document)
        {
            var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!results.IsValid)
            {
                var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
                return $"does not match docs/events.schema.json ({string.Join("; ", errors)}): {line}";
            }

            foreach (var code in CodesIn(document.RootElement))
            {
                if (!DocumentedCodes.Value.Contains(code))
                {
                    return $"code {code} is not in docs/errors.md: {line}";
                }
            }
        }

        return null;
    }

    /// <summary>Fails with every line of <paramref name="lines"/> that is not a valid event.</summary>
    /// <exception cref="InvalidDataException">Some line is not a valid event.</exception>
    public static void Require(IEnumerable<string> lines)
    {
        var problems = lines.Select(Check).OfType<string>().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join("\n", problems));
        }
    }

    private static IEnumerable<string> CodesIn(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "code" && property.Value.ValueKind == JsonValueKind.String)
                {
                    yield return property.Value.GetString()!;
                }

                foreach (var code in CodesIn(property.Value))
                {
                    yield return code;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var code in element.EnumerateArray().SelectMany(CodesIn))
            {
                yield return code;
            }
        }
    }

    [GeneratedRegex(@"^### (DAG[0-9]{4}):", RegexOptions.Multiline)]
    private static partial Regex CodeHeading();
}
