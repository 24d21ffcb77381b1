using System.Reflection;
using System.Text.Json;
using Dagger.MSBuild.UnitTests.Support;
using Dagger.TestRig;
using Json.Schema;

namespace Dagger.MSBuild.UnitTests.Tasks;

/// <summary>The canned streams of the task's tests are events that the contract allows: docs/events.schema.json.</summary>
[TestClass]
public sealed class CannedStreamTests
{
    [TestMethod]
    public void Every_canned_event_is_valid_against_the_schema_of_version_1()
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "docs", "events.schema.json")));
        var events = typeof(Streams).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(Streams.Plan))
            .Select(f => (f.Name, Line: (string)f.GetRawConstantValue()!))
            .ToList();

        Assert.IsGreaterThan(10, events.Count);
        foreach (var (name, line) in events)
        {
            var result = schema.Evaluate(JsonDocument.Parse(line).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.IsTrue(result.IsValid, $"{name}: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))));
        }

        var invalid = schema.Evaluate(JsonDocument.Parse(Streams.TaskFailed.Replace("\"code\":\"DAG4001\",", "", StringComparison.Ordinal)).RootElement);
        Assert.IsFalse(invalid.IsValid, "the schema is read: an error event without its code is refused");
    }
}
