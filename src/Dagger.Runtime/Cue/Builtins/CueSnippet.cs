using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>Builds package members that are written in CUE (such as <c>list.Ascending</c>).</summary>
internal static class CueSnippet
{
    /// <summary>Compiles <paramref name="source"/> (self-contained top-level fields) and returns one vertex per field.</summary>
    public static Dictionary<string, Value> Fields(LabelTable names, string package, string source)
    {
        var file = Parser.ParseFile(package, source);
        var errs = Compiler.Compile(names, file, package, [], Packages.DefaultName);
        if (errs.Count > 0)
        {
            throw new InvalidOperationException(string.Join("\n", errs));
        }

        var holder = new Vertex(null, Labels.None);
        var env = new Env(new Env(null, holder) { File = new FileScope { Package = package } }, holder);
        var r = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var d in file.Root.Decls)
        {
            if (d is Field f)
            {
                var v = new Vertex(null, f.Label.Feature) { ClosedByLabel = Labels.IsDefinition(f.Label.Feature) };
                v.Conjuncts.Add(new Conjunct(env, f.Value, null));
                r[f.Label.Name] = v;
            }
        }

        return r;
    }
}
