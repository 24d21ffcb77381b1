namespace Dagger.Cue.UnitTests.Differential;

/// <summary>References: what is visible from where, and which dependencies would close a cycle.</summary>
internal sealed partial class ProgramBuilder
{
    /// <summary>Nodes usable as values from <paramref name="owner"/>, shuffled.</summary>
    private List<GenNode> Candidates(Func<GenNode, bool> match, GenNode owner) =>
        Shuffled(_root.SelfAndDescendants().Where(n =>
            n != _root && n != owner && match(n) && n.Concrete && !n.Poisoned && !n.InDefinition && !n.Opaque
            && n.Kind is GenLabelKind.Regular or GenLabelKind.Hidden
            && !n.Ancestors().Any(a => a.Opaque || a.Kind == GenLabelKind.Optional)))
        .Take(5)
        .ToList();

    /// <summary>
    /// A reference from an expression written in <paramref name="scope"/>'s literal to <paramref name="target"/>, on
    /// behalf of <paramref name="owner"/>; null if the target is not visible or the dependency would close a cycle.
    /// </summary>
    private string? TryRef(GenNode target, GenNode scope, GenNode owner)
    {
        if (target == owner || Reaches(target, owner))
        {
            return null;
        }

        var path = new List<GenNode> { target };
        path.InsertRange(0, target.Ancestors().Where(a => a != _root).Reverse());
        var shadowed = new HashSet<string>(StringComparer.Ordinal);
        for (var s = scope; s is not null; s = s.Parent)
        {
            for (var i = 0; i < path.Count; i++)
            {
                var head = path[i];
                if (head.Parent == s && !head.Virtual && s.Declared.Contains(head.Label) && !shadowed.Contains(head.Label))
                {
                    for (var r = scope; r != s; r = r!.Parent)
                    {
                        r!.Reserved.Add(head.Label);
                    }

                    owner.Deps.Add(target);
                    return string.Join(".", path.Skip(i).Select(p => p.Label));
                }
            }

            shadowed.UnionWith(s.Declared);
        }

        return null;
    }

    private static bool Reaches(GenNode from, GenNode to)
    {
        var seen = new HashSet<GenNode>();
        var stack = new Stack<GenNode>();
        stack.Push(from);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n == to)
            {
                return true;
            }

            if (!seen.Add(n))
            {
                continue;
            }

            foreach (var c in n.Children)
            {
                stack.Push(c);
            }

            foreach (var d in n.Deps)
            {
                stack.Push(d);
            }
        }

        return false;
    }

    private string? RefTo(GenShape shape, GenNode owner, GenNode scope, Func<GenNode, bool>? extra = null)
    {
        foreach (var c in Candidates(n => n.Shape == shape && (extra is null || extra(n)), owner))
        {
            var path = TryRef(c, scope, owner);
            if (path is not null)
            {
                return path;
            }
        }

        return null;
    }
}
