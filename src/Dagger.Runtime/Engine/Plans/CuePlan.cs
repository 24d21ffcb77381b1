using System.Globalization;
using System.Text.Json;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Cue.Flow;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Exports;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Engine.Scheduling;

namespace Dagger.Runtime.Engine.Plans;

/// <summary>
/// A plan evaluated by the CUE evaluator. A task is any value with a <c>#up</c> pipeline, anywhere in the tree,
/// hidden fields included (definitions are templates, not tasks), found by <see cref="TaskFlow"/>. Exported values are
/// filled back at the task's path incrementally: a fill evaluates again only what depends on the filled task.
/// </summary>
public sealed class CuePlan : IPlan
{
    private const string Pipeline = "#up";

    // The seed's spelling of a pipeline (`#dagger: compute: [...]`), accepted as an alias of #up.
    private const string SeedPipeline = "#dagger.compute";
    private readonly TaskFlow flow;
    private readonly Dictionary<string, CueValue> references = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceSpan> spans = new(StringComparer.Ordinal);
    private readonly OpDecoder decoder;
    private readonly string directory;
    private (IReadOnlyList<FlowTask>? Tasks, Dictionary<string, IReadOnlyList<string>> ByPath) dependencyIndex = (null, new(StringComparer.Ordinal));

    /// <summary>Wraps an evaluated plan (with its inputs already filled in).</summary>
    /// <param name="root">The plan's value.</param>
    /// <param name="directory">The plan's folder, that the files of spans are relative to; the current one when null.</param>
    public CuePlan(CueValue root, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        this.directory = Path.GetFullPath(directory ?? ".");
        // LookupPath also finds the #up of a value with an embedded scalar, such as {string, #up: [...]}.
        flow = CueContext.RunWithLargeStack(() => new TaskFlow(root, HasPipeline));
        decoder = new OpDecoder(value =>
        {
            var id = value.Path;
            references[id] = value;
            return new PipelineReference(id);
        });
    }

    /// <summary>The plan with every value filled so far.</summary>
    public CueValue Root => flow.Root;

    /// <inheritdoc />
    public IReadOnlyList<string> TaskPaths() => CueContext.RunWithLargeStack(flow.TaskPaths);

    /// <inheritdoc />
    public IReadOnlyList<string> DependenciesOf(string path) => CueContext.RunWithLargeStack(() =>
    {
        // A dry run asks for every task in turn: index the flow's tasks once for each list it computes.
        var tasks = flow.Tasks;
        if (!ReferenceEquals(tasks, dependencyIndex.Tasks))
        {
            dependencyIndex = (tasks, tasks.ToDictionary(t => t.Path, t => t.Dependencies, StringComparer.Ordinal));
        }

        return dependencyIndex.ByPath.GetValueOrDefault(path) ?? [];
    });

    /// <inheritdoc />
    public SourceSpan? SpanOf(string path)
    {
        // Where a task is written does not change with fills; finding it again after each fill walked the plan once
        // a task.
        if (spans.TryGetValue(path, out var known))
        {
            return known;
        }

        var span = CueContext.RunWithLargeStack(() => InPlan(flow.TaskAt(path)?.Span, path));
        if (span is { } found)
        {
            spans[path] = found;
        }

        return span;
    }

    /// <inheritdoc />
    public PipelineDecoding DecodePipeline(string path) => CueContext.RunWithLargeStack(() =>
    {
        if ((flow.TaskAt(path) ?? references.GetValueOrDefault(path)) is not { } value)
        {
            throw new PlanException(Message.Format(Messages.NoSuchPipeline, path));
        }

        var opsValue = PipelineOf(value, path);
        var elements = opsValue.Kind.HasFlag(Cue.Core.Kind.List) ? opsValue.Elements() : [opsValue];
        if (elements.Count == 0 && opsValue.IsOpenList)
        {
            // An artifact whose pipeline is still [...#Op] has not been given one (an input not set yet).
            return PipelineDecoding.Waiting([$"{Display(path)}{PipelineName(value)}"]);
        }

        var missing = new List<string>();
        var concrete = new List<(CueValue Op, OpSource Source)>();
        for (var i = 0; i < elements.Count; i++)
        {
            var op = elements[i].Default(out _);
            var source = new OpSource($"{Display(path)}{PipelineName(value)}[{i.ToString(CultureInfo.InvariantCulture)}]", PositionOf(op))
            {
                Span = InPlan(elements[i].Span ?? op.Span, path),
                Task = path,
                Index = i,
                Kind = op.LookupPath("do") is { } kind && kind.Default(out _).TryGetString(out var name) ? name : "",
            };
            RequireKind(op, source);
            var before = missing.Count;
            CollectMissing(op, source, missing);
            if (missing.Count == before && !IsEmptyStruct(op))
            {
                concrete.Add((op, source));
            }
        }

        if (missing.Count > 0)
        {
            return PipelineDecoding.Waiting(missing);
        }

        return PipelineDecoding.Ready([.. concrete.Select(c => decoder.Decode(c.Op, c.Source))]);
    });

    /// <inheritdoc />
    public string Fill(string path, ExportedValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (flow.FillPathOf(path) is not { } fillPath)
        {
            throw new PlanException(Message.Format(Messages.NoSuchTask, path));
        }

        return CueContext.RunWithLargeStack(() =>
        {
            var decoded = ExportDecoder.Decode(Root.Context, value);
            flow.Fill(fillPath, decoded);
            var target = Root.LookupPath(fillPath);
            if (target?.Error is { Incomplete: false } error)
            {
                throw CueDiagnostics.ToPlanException(error, target.Context, directory, CueDiagnostics.MessageOf(error), ErrorCodes.ExportMismatch, path);
            }

            return decoded.ToJson(indent: false);
        });
    }

    // A span in a package embedded in the tool names a file that is on no disk, which neither an editor nor GitHub can
    // open: the plan's own line that uses the package (the nearest enclosing value written in a file on disk) stands
    // for it. A package vendored by `dagger init` is on disk, so its lines are kept.
    private SourceSpan? InPlan(SourceSpan? span, string path)
    {
        if (span is not { } given)
        {
            return null;
        }

        var normalized = PlanFiles.Normalize(given, directory);
        if (OnDisk(normalized))
        {
            return normalized;
        }

        for (var dot = path.LastIndexOf('.'); dot > 0; dot = path.LastIndexOf('.', dot - 1))
        {
            if (Root.LookupPath(path[..dot])?.Span is { } outer && PlanFiles.Normalize(outer, directory) is var candidate && OnDisk(candidate))
            {
                return candidate;
            }
        }

        return normalized;
    }

    private bool OnDisk(SourceSpan span) => File.Exists(Path.IsPathRooted(span.File) ? span.File : Path.Combine(directory, span.File));

    private static bool IsUnsetPipeline(CueValue? up) =>
        up?.Default(out _) is { } d && d.Kind == Cue.Core.Kind.List && d.IsOpenList && d.Elements().Count == 0;

    private static bool HasPipeline(CueValue value) => value.LookupPath(Pipeline) is not null || value.LookupPath(SeedPipeline) is not null;

    private static string PipelineName(CueValue value) => value.LookupPath(Pipeline) is null && value.LookupPath(SeedPipeline) is not null ? SeedPipeline : Pipeline;

    private CueValue PipelineOf(CueValue value, string path)
    {
        // A pipeline is a value with #up, or (inline, as `from: [...]`) a list of ops. A list given where a
        // dagger.#Artifact is expected carries the artifact's #up, still [...#Op]: the list itself is the pipeline.
        // An artifact not given yet is top (`_`), which may still be a list: only a value that is a list is one.
        if ((value.Kind.HasFlag(Cue.Core.Kind.List) && !HasPipeline(value))
            || (value.Kind == Cue.Core.Kind.List && IsUnsetPipeline(value.LookupPath(Pipeline))))
        {
            return value;
        }

        var name = PipelineName(value);
        var up = value.LookupPath(name)
            ?? throw new PlanException(ErrorCodes.InvalidOp, Message.Format(Messages.NotAPipeline, Display(path)), value.Span) { Path = path };
        up = up.Default(out _);
        if (up.Error is { Incomplete: false } error)
        {
            throw CueDiagnostics.ToPlanException(error, up.Context, directory, $"{Display(path)}{name}: {CueDiagnostics.MessageOf(error)}", path: path);
        }

        if (HasPipeline(up))
        {
            return PipelineOf(up, path + "." + name);
        }

        return up.Kind.HasFlag(Cue.Core.Kind.List) || up.Fields().Any(f => f.Label == "do")
            ? up
            : throw new PlanException(ErrorCodes.InvalidOp, Message.Format(Messages.PipelineNotAList, Display(path), name, Cue.Core.KindNames.Name(up.Kind)), up.Span) { Path = path };
    }

    // Non-concrete leaves of an op, except inside the pipelines it references, which are decoded on their own.
    private static void CollectMissing(CueValue value, OpSource source, List<string> missing)
    {
        var v = value.Default(out _);
        if (v.Error is { Incomplete: false } error)
        {
            throw new OpException(source, CueDiagnostics.CodeOf(error), CueDiagnostics.MessageOf(error));
        }

        var kind = v.Kind;
        if (kind == Cue.Core.Kind.Struct)
        {
            foreach (var field in v.Fields())
            {
                if (!OpDecoder.IsPipelineField(field.Label))
                {
                    CollectMissing(field.Value, source, missing);
                }
                else
                {
                    CollectMissingInReferenced(field.Value, source, missing);
                }
            }
        }
        else if (kind == Cue.Core.Kind.List)
        {
            foreach (var element in v.Elements())
            {
                CollectMissing(element, source, missing);
            }
        }
        else if (!v.IsConcrete)
        {
            var causes = new List<string>();
            FindMissingCauses(value, causes, new HashSet<string>(StringComparer.Ordinal));
            foreach (var path in causes.Count > 0 ? causes : [v.Path])
            {
                if (!missing.Contains(path))
                {
                    missing.Add(path);
                }
            }
        }
    }

    // A pipeline that an op refers to (from) must be concrete as data too, as in the original (a package with an
    // unset field is not run): its regular fields, except those that are tasks of their own, which are decoded and
    // waited for on their own. Its own value may stay open: that is what its exports fill.
    private static void CollectMissingInReferenced(CueValue value, OpSource source, List<string> missing)
    {
        var v = value.Default(out _);
        if (v.Kind != Cue.Core.Kind.Struct)
        {
            return;
        }

        foreach (var field in v.Fields())
        {
            if (!HasPipeline(field.Value))
            {
                CollectMissing(field.Value, source, missing);
            }
        }
    }

    // What keeps a leaf from being concrete, named as the user knows it: the non-concrete values it refers to,
    // followed down to those that refer to nothing missing themselves (such as an input left unset).
    private static bool FindMissingCauses(CueValue value, List<string> causes, HashSet<string> seen)
    {
        var found = false;
        foreach (var reference in value.References())
        {
            if (!seen.Add(reference.Path) || reference.Default(out _).IsConcrete)
            {
                continue;
            }

            if (!FindMissingCauses(reference, causes, seen))
            {
                causes.Add(reference.Path);
            }

            found = true;
        }

        return found;
    }

    /// <summary>
    /// An op whose <c>do</c> is not set is a mistake in the plan (the seed's users typed <c>op:</c> for <c>do:</c>), not
    /// an input still to come: it fails with that said, instead of a warning about a missing input.
    /// </summary>
    private static void RequireKind(CueValue op, OpSource source)
    {
        if (op.Kind != Cue.Core.Kind.Struct || IsEmptyStruct(op) || op.LookupPath("do") is not { } kind || kind.Default(out _).IsConcrete)
        {
            return;
        }

        var misspelt = op.Fields().Select(f => f.Label).FirstOrDefault(l => l is "op" or "Do" or "DO" or "kind" or "type");
        var hint = misspelt is null ? string.Empty : Message.Format(Messages.FieldIsDoNot, misspelt);
        throw new OpException(source, Message.Format(Messages.OpHasNoKind, kind.Default(out _).ToCue().Trim(), hint, string.Join(", ", OpDecoder.KnownOps)));
    }

    private static bool IsEmptyStruct(CueValue op) => op.Kind == Cue.Core.Kind.Struct && !op.Fields().Any();

    private static string? PositionOf(CueValue value) => value.Position.ToString() is var text && text != "-" ? text : null;

    private static string Display(string path) => path.Length == 0 ? string.Empty : path + ".";

}
