using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Flow;

/// <summary>
/// The tasks of a configuration and their dependencies, with incremental fills: like cue's <c>tools/flow</c>. A task
/// is any value the predicate accepts, anywhere below the root (hidden fields, list elements and instances of
/// definitions included; definitions themselves are templates and are not searched). Task B depends on task A when
/// evaluating B read a value inside A, directly or through fields that are not tasks. <see cref="Fill(string, object?)"/> changes the
/// flow's root in place and evaluates again only what depends on the filled value.
/// </summary>
/// <remarks>The flow turns on dependency tracking for its context: later evaluations in that context record what
/// they read, which costs memory and time. Not thread-safe, like its context.</remarks>
public sealed class TaskFlow
{
    private readonly Func<CueValue, bool> isTask;
    private List<Found>? found;
    private Dictionary<string, Found>? byPath;
    private IReadOnlyList<FlowTask>? tasks;

    // A task's fill path is its labels and indexes, which a fill does not change: kept across fills, unlike the walk
    // that finds tasks, so that filling every task of a wave walks the configuration once, not once a task.
    private readonly Dictionary<string, IReadOnlyList<CueSelector>> fillPaths = new(StringComparer.Ordinal);

    /// <summary>Evaluates a copy of <paramref name="root"/> with dependency tracking.</summary>
    /// <param name="root">The configuration (left unchanged).</param>
    /// <param name="isTask">Whether a value is a task (for example: it has a field <c>#up</c>).</param>
    public TaskFlow(CueValue root, Func<CueValue, bool> isTask)
    {
        ArgumentNullException.ThrowIfNull(root);
        this.isTask = isTask ?? throw new ArgumentNullException(nameof(isTask));
        var old = root.Vertex;
        var v = new Vertex(old.Parent, old.Label) { ClosedByLabel = old.ClosedByLabel, Pos = old.Pos, Attributes = old.Attributes };
        v.Conjuncts.AddRange(old.Conjuncts);
        Ev = root.Context.Evaluator;
        Ev.Tracking = true;
        Root = new CueValue(root.Context, v);
        Ev.Finalize(v);
    }

    /// <summary>The configuration with every fill so far.</summary>
    public CueValue Root { get; }

    private Evaluator Ev { get; }

    /// <summary>The tasks in discovery order (depth first, fields in export order), with their dependencies.</summary>
    /// <exception cref="TaskCycleException">Tasks depend on each other in a cycle.</exception>
    public IReadOnlyList<FlowTask> Tasks
    {
        get
        {
            if (tasks is null)
            {
                var t = WithDependencies();
                var cycle = FindCycle(t);
                if (cycle is not null)
                {
                    throw new TaskCycleException(cycle);
                }

                tasks = t;
            }

            return tasks;
        }
    }

    /// <summary>The paths of the tasks, in discovery order, without computing dependencies.</summary>
    public IReadOnlyList<string> TaskPaths() => Find().Select(f => f.Path).ToList();

    /// <summary>The task value at a path returned by <see cref="TaskPaths"/>, or null.</summary>
    public CueValue? TaskAt(string path) => ByPath(path)?.Value;

    /// <summary>
    /// Unifies <paramref name="value"/> at <paramref name="path"/> (dot-separated labels, as for
    /// <see cref="CueValue.FillPath(string, object?)"/>) into <see cref="Root"/> in place. The result equals
    /// <c>Root.FillPath(path, value)</c>, but only the filled value, what read it (transitively) and their ancestors
    /// are evaluated again. Values taken from the root before may be stale afterwards: look them up again.
    /// </summary>
    public void Fill(string path, object? value) => Fill(CueSelector.Parse(path), value);

    /// <summary>
    /// Unifies <paramref name="value"/> at <paramref name="path"/> (field labels and list indexes, as for
    /// <see cref="CueValue.FillPath(IReadOnlyList{CueSelector}, object?)"/>) into <see cref="Root"/> in place, like
    /// <see cref="Fill(string, object?)"/>. A list on the path is evaluated again whole.
    /// </summary>
    public void Fill(IReadOnlyList<CueSelector> path, object? value)
    {
        var holder = Root.FillHolder(path, value, out var labels);
        found = null;
        byPath = null;
        tasks = null;
        Ev.FillInPlace(Root.Vertex, labels, holder);
    }

    /// <summary>The path to pass to <see cref="Fill(IReadOnlyList{CueSelector}, object?)"/> for the task at
    /// <paramref name="taskPath"/>: its field labels and list indexes. Null when there is no such task.</summary>
    public IReadOnlyList<CueSelector>? FillPathOf(string taskPath)
    {
        if (fillPaths.TryGetValue(taskPath, out var known))
        {
            return known;
        }

        if (ByPath(taskPath)?.FillPath is not { } path)
        {
            return null;
        }

        // One walk serves every task it found.
        foreach (var f in found!)
        {
            fillPaths.TryAdd(f.Path, f.FillPath);
        }

        return path;
    }

    private Found? ByPath(string path)
    {
        if (byPath is null)
        {
            byPath = new Dictionary<string, Found>(StringComparer.Ordinal);
            foreach (var f in Find())
            {
                byPath.TryAdd(f.Path, f);
            }
        }

        return byPath.GetValueOrDefault(path);
    }

    private List<Found> Find()
    {
        if (found is null)
        {
            found = [];
            Walk(Root, [], found);
        }

        return found;
    }

    private void Walk(CueValue value, IReadOnlyList<CueSelector> fillPath, List<Found> into)
    {
        if (isTask(value))
        {
            into.Add(new Found(value.Path, value, fillPath));
        }

        var kind = value.Kind;
        if (kind.HasFlag(Kind.Struct))
        {
            foreach (var field in value.Fields(CueFieldOptions.Hidden))
            {
                Walk(field.Value, [.. fillPath, CueSelector.Field(field.Label)], into);
            }
        }
        else if (kind.HasFlag(Kind.List))
        {
            var elements = value.Elements();
            for (var i = 0; i < elements.Count; i++)
            {
                Walk(elements[i], [.. fillPath, CueSelector.Item(i)], into);
            }
        }
    }

    private sealed record Found(string Path, CueValue Value, IReadOnlyList<CueSelector> FillPath);

    private List<FlowTask> WithDependencies()
    {
        var list = Find();
        var byVertex = new Dictionary<Vertex, int>(ReferenceEqualityComparer.Instance);
        var holdsTasks = new HashSet<Vertex>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < list.Count; i++)
        {
            byVertex.TryAdd(list[i].Value.Vertex, i);
            for (var a = Evaluator.Canon(list[i].Value.Vertex.Parent); a is not null; a = Evaluator.Canon(a.Parent))
            {
                holdsTasks.Add(a);
            }
        }

        var result = new List<FlowTask>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var self = list[i].Value.Vertex;
            var deps = new List<int>();
            var visited = new HashSet<Vertex>(ReferenceEqualityComparer.Instance);
            var subtree = new List<Vertex>();
            Evaluator.Subtree(self, subtree);
            foreach (var u in subtree)
            {
                ReadsOf(u, self, deps, visited, byVertex, holdsTasks, list);
            }

            result.Add(new FlowTask(list[i].Path, list[i].Value, deps.Select(d => list[d].Path).ToList()));
        }

        return result;
    }

    private void ReadsOf(Vertex u, Vertex self, List<int> deps, HashSet<Vertex> visited, Dictionary<Vertex, int> byVertex, HashSet<Vertex> holdsTasks, List<Found> list)
    {
        foreach (var (t, kind) in Ev.ReadsOf(u))
        {
            if (IsWithin(t, self))
            {
                continue;
            }

            var owner = Owner(t, byVertex);
            if (owner >= 0)
            {
                AddDependency(owner, self, deps, list);
                continue;
            }

            if ((kind & (ReadKind.Conjuncts | ReadKind.Deep)) != 0 && holdsTasks.Contains(t))
            {
                for (var k = 0; k < list.Count; k++)
                {
                    if (IsWithin(list[k].Value.Vertex, t))
                    {
                        AddDependency(k, self, deps, list);
                    }
                }
            }

            // Values of intermediate fields carry dependencies on through what they read; selecting a field of a
            // struct that holds tasks does not depend on its other fields.
            if ((kind & (ReadKind.Value | ReadKind.Deep)) != 0 && !holdsTasks.Contains(t) && visited.Add(t))
            {
                if ((kind & ReadKind.Deep) != 0)
                {
                    var below = new List<Vertex>();
                    Evaluator.Subtree(t, below);
                    foreach (var y in below)
                    {
                        ReadsOf(y, self, deps, visited, byVertex, holdsTasks, list);
                    }
                }
                else
                {
                    ReadsOf(t, self, deps, visited, byVertex, holdsTasks, list);
                }
            }
        }
    }

    private static void AddDependency(int task, Vertex self, List<int> deps, List<Found> list)
    {
        // A task nested in another is part of it, not a dependency of it (nor the other way round).
        var other = list[task].Value.Vertex;
        if (!IsWithin(other, self) && !IsWithin(self, other) && !deps.Contains(task))
        {
            deps.Add(task);
        }
    }

    private static int Owner(Vertex t, Dictionary<Vertex, int> byVertex)
    {
        for (var c = t; c is not null; c = Evaluator.Canon(c.Parent))
        {
            if (byVertex.TryGetValue(c, out var i))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsWithin(Vertex t, Vertex ancestor)
    {
        for (var c = t; c is not null; c = Evaluator.Canon(c.Parent))
        {
            if (ReferenceEquals(c, ancestor) || ReferenceEquals(c, ancestor.Origin))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string>? FindCycle(List<FlowTask> tasks)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count; i++)
        {
            index.TryAdd(tasks[i].Path, i);
        }

        var state = new int[tasks.Count];
        var stack = new List<int>();
        for (var i = 0; i < tasks.Count; i++)
        {
            if (state[i] == 0 && Visit(i) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(int i)
        {
            state[i] = 1;
            stack.Add(i);
            foreach (var d in tasks[i].Dependencies)
            {
                var j = index[d];
                if (state[j] == 1)
                {
                    return stack.Skip(stack.IndexOf(j)).Select(k => tasks[k].Path).ToList();
                }

                if (state[j] == 0 && Visit(j) is { } c)
                {
                    return c;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[i] = 2;
            return null;
        }
    }
}
