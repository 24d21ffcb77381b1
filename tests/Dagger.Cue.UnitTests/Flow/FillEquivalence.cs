using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Cue.Flow;

namespace Dagger.Cue.UnitTests.Flow;

/// <summary>Fills a program both ways, with <see cref="CueValue.FillPath"/> and <see cref="TaskFlow.Fill"/>, and compares.</summary>
internal static class FillEquivalence
{
    /// <summary>A fill to try: a path and a value.</summary>
    public sealed record Step(string Path, object? Value)
    {
        public override string ToString() => $"{Path} = {Describe(Value)}";
    }

    /// <summary>Fill candidates for a value: every regular field reached through structs, filled with a value that
    /// fits it (its own concrete value, or one of its kind), one that conflicts, and a new field in structs.</summary>
    public static List<Step> Candidates(CueValue root, int max)
    {
        var found = new List<Step>();
        Collect(root, "", found, 0);
        if (found.Count <= max)
        {
            return found;
        }

        // Spread the picks over the whole program.
        return Enumerable.Range(0, max).Select(i => found[i * found.Count / max]).ToList();
    }

    private static void Collect(CueValue v, string path, List<Step> into, int depth)
    {
        if (depth > 6)
        {
            return;
        }

        CueValue d;
        try
        {
            d = v.Default(out _);
        }
        catch (CueEvalException)
        {
            return;
        }

        var kind = d.Kind;
        if (kind == Runtime.Cue.Core.Kind.Struct)
        {
            if (path.Length > 0)
            {
                into.Add(new Step(path, new Dictionary<string, object?> { ["zzNew"] = 1 }));
            }

            foreach (var f in d.Fields())
            {
                if (f.Label.Contains('.', StringComparison.Ordinal) || f.Label.Length == 0)
                {
                    continue;
                }

                Collect(f.Value, path.Length == 0 ? f.Label : path + "." + f.Label, into, depth + 1);
            }

            return;
        }

        if (path.Length == 0)
        {
            return;
        }

        if (d.TryGetString(out var s))
        {
            into.Add(new Step(path, s));
            into.Add(new Step(path, s + "-other"));
        }
        else if (d.TryGetInt64(out var i))
        {
            into.Add(new Step(path, i));
            into.Add(new Step(path, i + 1));
        }
        else if (d.TryGetBool(out var b))
        {
            into.Add(new Step(path, b));
        }
        else if (kind.HasFlag(Runtime.Cue.Core.Kind.String))
        {
            into.Add(new Step(path, "filled"));
        }
        else if (kind.HasFlag(Runtime.Cue.Core.Kind.Int))
        {
            into.Add(new Step(path, 3));
        }
        else if (kind.HasFlag(Runtime.Cue.Core.Kind.Bool))
        {
            into.Add(new Step(path, true));
        }
    }

    /// <summary>What a value exports to: its JSON, or the error (both the message and whether it is incomplete).</summary>
    public static string Outcome(CueValue v)
    {
        try
        {
            return v.ToJson();
        }
        catch (CueEvalException e)
        {
            return (e.Incomplete ? "incomplete: " : "error: ") + e.Message;
        }
    }

    /// <summary>Null when filling <paramref name="steps"/> in order gives the same export both ways, else the difference.</summary>
    public static string? Compare(Func<CueContext, CueValue> load, IReadOnlyList<Step> steps)
    {
        var whole = load(new CueContext());
        foreach (var s in steps)
        {
            whole = whole.FillPath(s.Path, s.Value);
        }

        var expected = Outcome(whole);
        var flow = new TaskFlow(load(new CueContext()), _ => false);
        foreach (var s in steps)
        {
            flow.Fill(s.Path, s.Value);
        }

        var actual = Outcome(flow.Root);
        return expected == actual ? null : $"after {string.Join(", ", steps)}:\n{FirstDifference(expected, actual)}";
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var i = 0;
        while (i < e.Length && i < a.Length && e[i] == a[i])
        {
            i++;
        }

        var from = Math.Max(0, i - 3);
        return $"--- FillPath (line {i + 1})\n{string.Join('\n', e.Skip(from).Take(6))}\n--- TaskFlow.Fill\n{string.Join('\n', a.Skip(from).Take(6))}";
    }

    private static string Describe(object? v) => v switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        Dictionary<string, object?> d => "{" + string.Join(", ", d.Select(p => p.Key + ": " + Describe(p.Value))) + "}",
        _ => v.ToString() ?? "",
    };
}
