using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Export;

/// <summary>
/// Gathers all errors of an evaluated tree, so that a failed export reports each of them (the reference prints
/// every error, sorted) instead of stopping at the first.
/// </summary>
internal static class ErrorCollector
{
    /// <summary>Real errors (conflicts, closedness, ...) below <paramref name="v"/>, following the child-error
    /// marks of finalized vertices: definitions and hidden fields included.</summary>
    public static void CollectErrors(Vertex v, List<CueError> errors)
    {
        var found = new List<(CueError Error, Syntax.Pos Field)>();
        Collect(v, found);
        errors.AddRange(DropEchoes(found));
    }

    private static void Collect(Vertex v, List<(CueError, Syntax.Pos)> found)
    {
        if (v.BaseValue is Bottom { IsIncomplete: false } b)
        {
            found.AddRange(JsonExporter.ErrorsOf(b.Path ?? v.PathString(), b, v.Pos).Select(e => (e, v.Pos)));
            return;
        }

        if (v.ChildError is not { } ce)
        {
            return;
        }

        var before = found.Count;
        foreach (var arc in v.Arcs)
        {
            Collect(arc, found);
        }

        if (found.Count == before)
        {
            // The error sits somewhere not reachable through arcs (a disjunct that was chosen, a data vertex).
            found.AddRange(JsonExporter.ErrorsOf(ce.Path ?? v.PathString(), ce, v.Pos).Select(e => (e, v.Pos)));
        }
    }

    /// <summary>
    /// A field that refers to a failing field fails with the same conflict (same message, same positions); the
    /// reference reports it once, at the field where it arose. That field is the one declaring one of the
    /// conflicting values, so copies at fields that declare none of them are dropped.
    /// </summary>
    private static IEnumerable<CueError> DropEchoes(List<(CueError Error, Syntax.Pos Field)> found)
    {
        foreach (var group in found.GroupBy(f => (f.Error.Message, Key: string.Join(";", f.Error.Positions))))
        {
            var items = group.ToList();
            var own = items.Where(i => i.Error.Positions.Any(p => p.File == i.Field.File && p.Line == i.Field.Line)).ToList();
            foreach (var (error, _) in items.Count > 1 && own.Count > 0 && items[0].Error.Positions.Count > 0 ? own : items)
            {
                yield return error;
            }
        }
    }

    /// <summary>Every regular field below <paramref name="v"/> that cannot be exported, walking like the
    /// exporter does (defaults chosen, definitions, hidden and optional fields skipped). Returns true when all
    /// of them are merely incomplete.</summary>
    public static bool CollectIncomplete(Evaluator ev, Vertex v, List<CueError> errors)
    {
        var incomplete = true;
        Walk(v);
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
                errors.AddRange(e.Errors);
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
