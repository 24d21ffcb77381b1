using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

/// <summary>Construction of error values that need more context than the place where they are detected.</summary>
internal sealed partial class Evaluator
{
    private static void NoteBoundPos(NodeState s, Value bound, Pos pos)
    {
        if (pos.IsValid)
        {
            (s.BoundPos ??= new Dictionary<Value, Pos>(ReferenceEqualityComparer.Instance)).TryAdd(bound, pos);
        }
    }

    /// <summary>A value that fails a bound or validator: the positions are the bound's and the value's.</summary>
    private static Bottom OutOfBound(NodeState s, Value bound, Bottom err)
    {
        if (err.Inputs.Count > 0 || err.Pos.IsValid || s.BoundPos is null || !s.BoundPos.TryGetValue(bound, out var at))
        {
            return err;
        }

        return new Bottom(err.Code, err.Message) { Inputs = [at, s.ScalarPos], Sub = err.Sub };
    }

    /// <summary>Records a conflict of the node; every conflict is reported (the reference lists them all), while
    /// the node keeps failing with the first.</summary>
    private static void AddConflict(NodeState s, Bottom conflict)
    {
        if (s.Error is null)
        {
            s.Error = conflict;
            s.Conflict = conflict;
        }
        else if (ReferenceEquals(s.Error, s.Conflict))
        {
            (s.Conflict.Sub ??= []).Add(conflict);
        }
    }

    /// <summary>
    /// The error for a field that the closed structs of <paramref name="v"/> reject. Like the reference it is
    /// reported at the parent's path (<c>x: field b not allowed</c>) with the positions of the closing
    /// definition and of the field; unlike the reference it also names the definition.
    /// </summary>
    private Bottom NotAllowed(Vertex v, Vertex arc)
    {
        var defs = new List<Vertex>();
        var positions = new List<Pos>();
        var seen = new HashSet<CloseInfo>();
        foreach (var si in v.Structs)
        {
            CloseInfo? prev = null;
            for (var c = si.Ci; c is not null; prev = c, c = c.Parent)
            {
                if (!c.Closing || !seen.Add(c))
                {
                    continue;
                }

                var group = v.Structs.Where(s => s.Ci is not null && s.Ci.Contains(c)).ToList();
                if (group.Any(s => Admits(s, arc.Label)))
                {
                    continue;
                }

                // A reference to a definition is a node that records the followed arc, just under the closing node.
                if (prev?.RefArc is { } def && !defs.Contains(def))
                {
                    defs.Add(def);
                }

                positions.AddRange(group.Where(s => s.Lit is not null).Select(s => s.Lit!.Pos));
            }
        }

        if (defs.Count == 0 && positions.Count == 0)
        {
            for (var p = v; p is not null; p = p.Parent)
            {
                if (p.Label != Labels.None && Labels.IsDefinition(p.Label))
                {
                    defs.Add(p);
                    positions.AddRange(p.Conjuncts.Where(c => c.Expr is not null).Select(c => c.Expr!.Pos));
                    break;
                }
            }
        }

        positions.Add(arc.Pos);
        var parentPath = v.PathString(Names);
        var fieldPath = arc.PathString(Names);
        var name = parentPath.Length > 0 && fieldPath.StartsWith(parentPath + ".", StringComparison.Ordinal) ? fieldPath[(parentPath.Length + 1)..] : fieldPath;
        var by = defs.Count > 0 ? $" (closed by {string.Join(" and ", defs.Select(d => d.PathString(Names)).Distinct())})" : "";
        return new Bottom(ErrorCode.Eval, $"field {name} not allowed{by}") { Inputs = positions, Path = parentPath };
    }
}
