using Dagger.Runtime.Cue;

namespace Dagger.Engine.UnitTests.Architecture;

/// <summary>
/// The runtime's layers depend on each other in one direction only (docs: ARCHITECTURE.md): Cue knows nothing of
/// dagger; Llb is a graph model on its own; BuildKit speaks to the engine knowing LLB, but not plans or CUE.
/// </summary>
[TestClass]
public sealed class LayerTests
{
    private const string Root = "Dagger.Runtime.";

    private static readonly Type[] RuntimeTypes = typeof(CueContext).Assembly.GetTypes();

    private static List<string> Violations(string layer, params string[] forbidden)
    {
        var violations = new List<string>();
        foreach (var type in RuntimeTypes.Where(t => InLayer(t, layer)))
        {
            foreach (var (used, where) in TypeReferences.Of(type))
            {
                if (forbidden.Any(f => InLayer(used, f)))
                {
                    violations.Add($"{type.FullName} ({where}) uses {used.FullName}");
                }
            }
        }

        return [.. violations.Distinct().Order(StringComparer.Ordinal)];
    }

    private static bool InLayer(Type type, string layer) =>
        type.Namespace is { } ns && (ns == Root + layer || ns.StartsWith(Root + layer + ".", StringComparison.Ordinal));

    // Inside Cue the parts are sibling namespaces, so "Cue" must not match them all: a part is one exact namespace.
    private static List<string> PartViolations(string part, params string[] forbidden)
    {
        var violations = new List<string>();
        foreach (var type in RuntimeTypes.Where(t => InPart(t, part)))
        {
            foreach (var (used, where) in TypeReferences.Of(type))
            {
                if (forbidden.Any(f => InPart(used, f)))
                {
                    violations.Add($"{type.FullName} ({where}) uses {used.FullName}");
                }
            }
        }

        return [.. violations.Distinct().Order(StringComparer.Ordinal)];
    }

    private static bool InPart(Type type, string part) => type.Namespace == Root + part;

    [TestMethod]
    public void Cue_uses_no_other_layer()
    {
        var violations = Violations("Cue", "Llb", "BuildKit", "Engine");
        Assert.IsEmpty(violations, string.Join("\n", violations));
    }

    [TestMethod]
    public void Llb_uses_no_other_layer()
    {
        var violations = Violations("Llb", "Cue", "BuildKit", "Engine");
        Assert.IsEmpty(violations, string.Join("\n", violations));
    }

    [TestMethod]
    public void BuildKit_uses_neither_the_engine_nor_cue()
    {
        var violations = Violations("BuildKit", "Engine", "Cue");
        Assert.IsEmpty(violations, string.Join("\n", violations));
    }

    [TestMethod]
    public void Cue_syntax_uses_no_later_stage()
    {
        var violations = PartViolations("Cue.Syntax", "Cue", "Cue.Core", "Cue.Export", "Cue.Builtins", "Cue.Load", "Cue.Flow");
        Assert.IsEmpty(violations, string.Join("\n", violations));
    }

    [TestMethod]
    public void Cue_core_uses_neither_exporters_nor_builtins()
    {
        // Builtins and exporters are built on the evaluator, which knows builtins only by their calling convention.
        var violations = PartViolations("Cue.Core", "Cue", "Cue.Export", "Cue.Builtins", "Cue.Load", "Cue.Flow");
        Assert.IsEmpty(violations, string.Join("\n", violations));
    }

    [TestMethod]
    public void Cue_errors_use_nothing_but_syntax_positions()
    {
        var violations = PartViolations("Cue.Errors", "Cue", "Cue.Core", "Cue.Export", "Cue.Builtins", "Cue.Load", "Cue.Flow");
        Assert.IsEmpty(violations, string.Join("\n", violations));
    }

    [TestMethod]
    public void Cue_parts_form_no_cycle()
    {
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in RuntimeTypes.Where(t => InLayer(t, "Cue")))
        {
            foreach (var (used, _) in TypeReferences.Of(type))
            {
                if (InLayer(used, "Cue") && used.Namespace != type.Namespace)
                {
                    (uses.TryGetValue(type.Namespace!, out var set) ? set : uses[type.Namespace!] = new(StringComparer.Ordinal)).Add(used.Namespace!);
                }
            }
        }

        var cycles = uses.Keys.Order(StringComparer.Ordinal)
            .Where(from => Reaches(uses, from, from))
            .ToList();
        Assert.IsEmpty(cycles, "on a cycle: " + string.Join(", ", cycles));
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> uses, string from, string target)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([from]);
        while (stack.TryPop(out var ns))
        {
            foreach (var next in uses.GetValueOrDefault(ns) ?? [])
            {
                if (next == target)
                {
                    return true;
                }

                if (seen.Add(next))
                {
                    stack.Push(next);
                }
            }
        }

        return false;
    }

    [TestMethod]
    public void The_check_sees_uses_inside_method_bodies()
    {
        // The engine uses every other layer, in signatures and in bodies alike: a check that found nothing here
        // would find nothing anywhere.
        var engine = RuntimeTypes.Where(t => InLayer(t, "Engine")).SelectMany(TypeReferences.Of).Select(u => u.Used).ToList();
        Assert.IsTrue(engine.Any(t => InLayer(t, "Cue")));
        Assert.IsTrue(engine.Any(t => InLayer(t, "Llb")));
        Assert.IsTrue(engine.Any(t => InLayer(t, "BuildKit")));
        // An async method's body lives in a nested state machine, which the check walks like any type.
        var runner = typeof(Dagger.Runtime.Engine.Runs.PlanRunner);
        var bodyOnly = RuntimeTypes.Where(t => t == runner || t.DeclaringType == runner).SelectMany(TypeReferences.Of)
            .Where(u => u.Where.Contains(" calls ", StringComparison.Ordinal) || u.Where.Contains(" uses ", StringComparison.Ordinal))
            .Select(u => u.Used);
        Assert.IsTrue(bodyOnly.Contains(typeof(Dagger.Runtime.BuildKit.EngineDiscovery)), "EngineDiscovery appears only inside PlanRunner's method bodies");
    }
}
