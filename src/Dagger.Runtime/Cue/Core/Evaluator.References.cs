using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

internal sealed partial class Evaluator
{
    /// <summary>
    /// The field vertices that the expressions of <paramref name="v"/>'s own conjuncts refer to, through identifiers,
    /// selectors and indexes, in source order. Struct and list literals are not entered: their fields are values of
    /// their own.
    /// </summary>
    public List<Vertex> ReferencedVertices(Vertex v)
    {
        var found = new List<Vertex>();
        foreach (var c in v.Conjuncts)
        {
            if (c.Env is not null && c.Expr is not null)
            {
                CollectReferences(c.Env, c.Expr, found);
            }
        }

        return found;
    }

    private void CollectReferences(Env env, Expr e, List<Vertex> found)
    {
        switch (e)
        {
            case Ident { Kind: RefKind.Field } or SelectorExpr or IndexExpr:
                if (EvalValue(env, e) is Vertex { IsData: false } target && target.Label != Labels.None)
                {
                    if (!found.Contains(target))
                    {
                        found.Add(target);
                    }
                }
                else if (e is SelectorExpr sel)
                {
                    CollectReferences(env, sel.X, found);
                }
                else if (e is IndexExpr ix)
                {
                    CollectReferences(env, ix.X, found);
                    CollectReferences(env, ix.Index, found);
                }

                break;
            case ParenExpr p:
                CollectReferences(env, p.X, found);
                break;
            case UnaryExpr u:
                CollectReferences(env, u.X, found);
                break;
            case BinaryExpr b:
                CollectReferences(env, b.X, found);
                CollectReferences(env, b.Y, found);
                break;
            case DisjunctionExpr d:
                foreach (var (term, _) in d.Terms)
                {
                    CollectReferences(env, term, found);
                }

                break;
            case CallExpr call:
                foreach (var arg in call.Args)
                {
                    CollectReferences(env, arg, found);
                }

                break;
            case Interpolation ip:
                foreach (var part in ip.Parts)
                {
                    if (part is Expr x)
                    {
                        CollectReferences(env, x, found);
                    }
                }

                break;
        }
    }
}
