using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Errors;

namespace Dagger.Runtime.Cue.Export;

/// <summary>
/// Gathers all errors of an evaluated tree, so that a failed export reports each of them (the reference prints
/// every error, sorted) instead of stopping at the first.
/// </summary>
internal static class ErrorCollector
{
    /// <summary>Real errors (conflicts, closedness, ...) below <paramref name="v"/>, following the child-error
    /// marks of finalized vertices: definitions and hidden fields included.</summary>
    public static void CollectErrors(LabelTable names, Vertex v, List<CueError> errors)
    {
        var found = new List<(CueError Error, Vertex Field)>();
        Collect(names, v, found);
        errors.AddRange(DropEchoes(found));
    }

    private static void Collect(LabelTable names, Vertex v, List<(CueError, Vertex)> found)
    {
        if (v.BaseValue is Bottom { IsIncomplete: false } b)
        {
            found.AddRange(JsonExporter.ErrorsOf(b.Path ?? v.PathString(names), b, v.Pos).Select(e => (e, v)));
            return;
        }

        if (v.ChildError is not { } ce)
        {
            return;
        }

        var before = found.Count;
        foreach (var arc in v.Arcs)
        {
            Collect(names, arc, found);
        }

        if (found.Count == before)
        {
            // The error sits somewhere not reachable through arcs (a disjunct that was chosen, a data vertex).
            found.AddRange(JsonExporter.ErrorsOf(ce.Path ?? v.PathString(names), ce, v.Pos).Select(e => (e, v)));
        }
    }

    /// <summary>
    /// A field that refers to a failing field fails with the same conflict (same message, same positions); the
    /// reference reports it once, at the field where it arose. That field is the one declaring one of the
    /// conflicting values, so copies at fields that declare none of them are dropped.
    /// </summary>
    private static IEnumerable<CueError> DropEchoes(List<(CueError Error, Vertex Field)> found)
    {
        foreach (var group in found.GroupBy(f => (f.Error.Message, Key: string.Join(";", f.Error.Positions))))
        {
            var items = group.ToList();
            var own = items.Where(i => i.Error.Positions.Any(p => Declares(i.Field, p))).ToList();
            foreach (var (error, _) in items.Count > 1 && own.Count > 0 && items[0].Error.Positions.Count > 0 ? own : items)
            {
                yield return error;
            }
        }
    }

    /// <summary>Whether the field, or one of the values written for it, sits on the line of <paramref name="p"/>.</summary>
    private static bool Declares(Vertex field, Syntax.Pos p) =>
        (field.Pos.File == p.File && field.Pos.Line == p.Line)
        || field.Conjuncts.Any(c => c.Expr is { } e && e.Pos.File == p.File && e.Pos.Line == p.Line);

    /// <summary>Every regular field below <paramref name="v"/> that cannot be exported, walking like the
    /// exporter does (defaults chosen, definitions, hidden and optional fields skipped). Returns true when all
    /// of them are merely incomplete.</summary>
    public static bool CollectIncomplete(Evaluator ev, Vertex v, List<CueError> errors)
    {
        var incomplete = true;
        var found = new List<(CueError, Vertex)>();
        Walk(v);
        // v0.4 combines a field's errors keeping the lowest code, so a cycle marker beside an incomplete value is
        // not reported.
        if (found.Any(f => f.Item1.Kind == CueErrorKind.Incomplete))
        {
            found.RemoveAll(f => f.Item1 is { Kind: CueErrorKind.Cycle, Path: "" });
        }

        errors.AddRange(DropEchoes(found));
        return incomplete;

        void Walk(Vertex x)
        {
            Value d;
            try
            {
                d = JsonExporter.Concrete(ev, x);
            }
            catch (CueEvalException e)
            {
                found.AddRange(e.Errors.Select(error => (error, x)));
                incomplete &= e.Incomplete;
                return;
            }

            switch (d)
            {
                case Vertex { IsList: true } l:
                    foreach (var el in l.Elems)
                    {
                        Walk(el);
                    }

                    break;
                case Vertex s:
                    foreach (var a in ExportOrder.Arcs(s))
                    {
                        if (Labels.IsString(a.Label))
                        {
                            Walk(a);
                        }
                    }

                    break;
            }
        }
    }
}
