using Dagger.Runtime.Engine.Exports;
using Dagger.Runtime.Engine.Scheduling;

namespace Dagger.Engine.UnitTests.Scheduling;

/// <summary>A plan whose pipelines are functions of the values filled so far.</summary>
internal sealed class FakePlan : IPlan
{
    private readonly Dictionary<string, Func<IReadOnlyDictionary<string, string>, PipelineDecoding>> pipelines = new(StringComparer.Ordinal);
    private readonly List<string> tasks = [];
    private readonly Dictionary<string, string> filled = new(StringComparer.Ordinal);

    public Dictionary<string, Func<string, bool>> Constraints { get; } = new(StringComparer.Ordinal);

    public List<string> FillOrder { get; } = [];

    /// <summary>What <see cref="DependenciesOf"/> answers, by task.</summary>
    public Dictionary<string, IReadOnlyList<string>> Dependencies { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times each pipeline was decoded.</summary>
    public Dictionary<string, int> Decodes { get; } = new(StringComparer.Ordinal);

    public FakePlan Task(string path, Func<IReadOnlyDictionary<string, string>, PipelineDecoding> pipeline)
    {
        tasks.Add(path);
        pipelines[path] = pipeline;
        return this;
    }

    public FakePlan Value(string path, Func<IReadOnlyDictionary<string, string>, PipelineDecoding> pipeline)
    {
        pipelines[path] = pipeline;
        return this;
    }

    public IReadOnlyList<string> TaskPaths() => tasks;

    public IReadOnlyList<string> DependenciesOf(string path) => Dependencies.GetValueOrDefault(path) ?? [];

    public PipelineDecoding DecodePipeline(string path)
    {
        Decodes[path] = Decodes.GetValueOrDefault(path) + 1;
        return pipelines.TryGetValue(path, out var pipeline) ? pipeline(filled) : PipelineDecoding.Waiting([path]);
    }

    public string Fill(string path, ExportedValue value)
    {
        var text = value.Text;
        if (Constraints.TryGetValue(path, out var accept) && !accept(text))
        {
            throw new PlanException($"conflicting values \"{text}\" and the constraint");
        }

        filled[path] = text;
        FillOrder.Add(path);
        return System.Text.Json.JsonSerializer.Serialize(text);
    }
}
