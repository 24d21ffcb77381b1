using System.Collections.Concurrent;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Solving;

/// <summary>
/// Which op every vertex of a run belongs to, from the tags that the compiler puts on the LLB it makes: the engine
/// reports progress, logs and failures by vertex digest, and this turns them back into a task, an op and a span.
/// </summary>
public sealed class VertexTable
{
    private readonly ConcurrentDictionary<string, OpSource> ops = new(StringComparer.Ordinal);

    /// <summary>Records the ops of a definition about to be solved.</summary>
    public void Add(LlbDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var (digest, tag) in definition.Tags)
        {
            if (tag is OpSource source)
            {
                ops.TryAdd(digest.Value, source);
            }
        }
    }

    /// <summary>The op that made the vertex <paramref name="digest"/>, or null for a vertex that no op of the plan made
    /// (BuildKit's own, or an unknown one).</summary>
    public OpSource? Find(string? digest) => digest is not null && ops.TryGetValue(digest, out var source) ? source : null;
}
