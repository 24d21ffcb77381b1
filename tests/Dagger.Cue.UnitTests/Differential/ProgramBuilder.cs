using System.Globalization;
using System.Text;

namespace Dagger.Cue.UnitTests.Differential;

/// <summary>
/// Builds one program in three passes: plan the field tree (shapes, structs, definitions, copies), fill the leaf
/// expressions in random order (so references go forwards and backwards), then render. Every reference is checked
/// against the dependency graph so that no accidental cycle is written; errors come only from
/// <see cref="CueFeatures.Conflicts"/> or from what the generator does not model (the oracle is the judge).
/// </summary>
internal sealed partial class ProgramBuilder
{
    private const int MaxDepth = 3;

    private static readonly string[] LabelPool =
    [
        "a", "b", "c", "d", "e", "f", "g", "h", "x", "y", "z", "n", "m", "p", "q", "s", "t", "w",
        "name", "port", "image", "env", "tags", "count", "ratio", "ok", "id", "spec", "meta",
    ];

    private static readonly string[] DefinitionPool = ["#A", "#B", "#Item", "#Spec", "#Meta"];

    private static readonly string[] Words = ["alpha", "beta", "x", "", "hello world", "a<b>&c", "tab\\tq", "é☃", "quote\\\"q", "7"];

    private static readonly string[] Floats = ["1.5", "0.25", "2.0", "3.75", "1e3", "2.5e-1", "100.0", "0.1", "1.50", "12.125"];

    private readonly Random _rnd;
    private readonly CueFeatures _f;
    private readonly GenNode _root = new("", GenLabelKind.Regular, GenShape.Struct, null);
    private readonly List<GenNode> _definitions = [];
    private readonly List<GenNode> _leaves = [];
    private readonly List<Action> _lateJobs = [];
    private string? _conflict;
    private bool _conflictDone;
    private int _counter;

    public ProgramBuilder(int programSeed, CueFeatures features)
    {
        _rnd = new Random(programSeed);
        _f = features;
    }

    public (string Text, string? InjectedError) Build()
    {
        if (Has(CueFeatures.Conflicts) && _rnd.NextDouble() < 1.0 / 6)
        {
            _conflict = Pick("type-conflict", "value-conflict", "closedness", "closedness", "bound", "incomplete", "struct-vs-scalar");
        }

        if (Has(CueFeatures.Definitions))
        {
            var n = _rnd.Next(1, 3);
            for (var i = 0; i < n; i++)
            {
                PlanDefinition();
            }
        }

        var fields = _rnd.Next(3, 8);
        for (var i = 0; i < fields; i++)
        {
            PlanField(_root, 0);
        }

        if (Has(CueFeatures.Comprehensions) && _rnd.NextDouble() < 0.4)
        {
            AddComprehension(_root);
        }

        if (Has(CueFeatures.RepeatedFields))
        {
            var n = _rnd.Next(0, 3);
            for (var i = 0; i < n; i++)
            {
                AddFragment();
            }
        }

        if (_conflict is not null && !_conflictDone)
        {
            InjectLateConflict();
        }

        foreach (var leaf in Shuffled(_leaves))
        {
            FillLeaf(leaf);
        }

        foreach (var job in _lateJobs)
        {
            job();
        }

        if (Has(CueFeatures.References))
        {
            ShuffleItems(_root);
        }

        var text = new StringBuilder();
        foreach (var line in RenderItems(_root, ""))
        {
            text.Append(line).Append('\n');
        }

        return (text.ToString(), _conflict);
    }

    private bool Has(CueFeatures feature) => (_f & feature) == feature;

    private T Pick<T>(params T[] options) => options[_rnd.Next(options.Length)];

    private List<T> Shuffled<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _rnd.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }


    private string FreshLabel(GenNode s, GenLabelKind kind, IEnumerable<string>? avoid = null)
    {
        var taken = s.Children.Select(c => c.Label).Concat(s.Declared).Concat(s.Reserved).Concat(avoid ?? []).ToHashSet(StringComparer.Ordinal);
        var prefix = kind == GenLabelKind.Hidden ? "_" : "";
        var free = LabelPool.Select(l => prefix + l).Where(l => !taken.Contains(l)).ToList();
        return free.Count > 0 ? free[_rnd.Next(free.Count)] : prefix + "f" + (++_counter).ToString(CultureInfo.InvariantCulture);
    }

    private static GenNode AddChild(GenNode s, string label, GenLabelKind kind, GenShape shape, bool declared)
    {
        var node = new GenNode(label, kind, shape, s) { Virtual = !declared, InDefinition = s.InDefinition, Closed = s.Closed && s.InDefinition };
        s.Children.Add(node);
        if (declared)
        {
            s.Declared.Add(label);
            s.Items.Add(node);
        }

        return node;
    }

    private GenShape PickScalar()
    {
        var r = _rnd.NextDouble();
        return r < 0.4 ? GenShape.Int
            : r < 0.7 ? GenShape.String
            : r < 0.85 || !Has(CueFeatures.Floats) ? GenShape.Bool
            : GenShape.Float;
    }

    private void PlanField(GenNode s, int depth, IEnumerable<string>? avoid = null)
    {
        var kind = GenLabelKind.Regular;
        var r = _rnd.NextDouble();
        if (Has(CueFeatures.HiddenFields) && r < 0.12)
        {
            kind = GenLabelKind.Hidden;
        }
        else if (Has(CueFeatures.OptionalFields) && r < 0.2)
        {
            kind = GenLabelKind.Optional;
        }

        var label = FreshLabel(s, kind, avoid);
        if (kind == GenLabelKind.Optional)
        {
            var opt = AddChild(s, label, kind, GenShape.Int, true);
            opt.Concrete = false;
            opt.Text = Pick("int", "string", ">=0", "3", "\"maybe\"");
            return;
        }

        var shape = depth < MaxDepth && _rnd.NextDouble() < 0.3 ? GenShape.Struct
            : Has(CueFeatures.Lists) && _rnd.NextDouble() < 0.12 ? GenShape.List
            : PickScalar();
        var node = AddChild(s, label, kind, shape, true);
        if (shape == GenShape.Struct)
        {
            PlanStruct(node, depth + 1);
        }
        else
        {
            PlanLeaf(node);
        }
    }

    private void PlanLeaf(GenNode node)
    {
        if (node.Shape == GenShape.List)
        {
            node.Elem = PickScalar();
            node.Length = _rnd.NextDouble() < 0.6 ? _rnd.Next(0, 5) : null;
        }
        else if (node.Shape == GenShape.Int && _rnd.NextDouble() < 0.35)
        {
            node.IntLiteral = _rnd.Next(-3, 60);
            node.Text = node.IntLiteral.Value.ToString(CultureInfo.InvariantCulture);
            return;
        }

        _leaves.Add(node);
    }

    private void PlanStruct(GenNode node, int depth)
    {
        var r = _rnd.NextDouble();
        if (Has(CueFeatures.Definitions) && _definitions.Count > 0 && r < 0.25)
        {
            PlanDefinitionUse(node, Pick(_definitions.ToArray()), depth);
        }
        else if (Has(CueFeatures.References) && r < 0.45 && TryPlanCopy(node, depth))
        {
            // planned as a copy, an extension or an embedding of another struct
        }
        else if (Has(CueFeatures.Disjunctions) && r < 0.52)
        {
            node.Opaque = true;
            node.Text = $"*{{{LiteralFields(2)}}} | {{{LiteralFields(1)}}}";
        }
        else
        {
            var n = _rnd.Next(1, 5);
            for (var i = 0; i < n; i++)
            {
                PlanField(node, depth);
            }
        }

        // A comprehension adds fields, which a closed struct would refuse.
        if (Has(CueFeatures.Comprehensions) && node.Text is null && (!node.Closed || node.Open) && _rnd.NextDouble() < 0.25)
        {
            AddComprehension(node);
        }
    }

    private string LiteralFields(int n) =>
        string.Join(", ", Enumerable.Range(0, n).Select(_ => $"{Pick(LabelPool)}{++_counter}: {ScalarLiteral(PickScalar())}"));

    private bool TryPlanCopy(GenNode node, int depth)
    {
        var sources = Shuffled(_root.SelfAndDescendants().Where(n =>
            n != _root && n.Shape == GenShape.Struct && n.Text is null && !n.InDefinition && !n.Opaque && !n.Poisoned
            && n.Kind != GenLabelKind.Optional && n.Children.Count > 0 && !n.Ancestors().Any(a => a.Opaque)));
        foreach (var src in sources.Take(4))
        {
            var mode = Has(CueFeatures.Embedding) ? Pick("copy", "extend", "embed") : Pick("copy", "extend");
            if (src.Closed && mode == "extend")
            {
                mode = "copy";
            }

            var scope = mode == "embed" ? node : node.Parent!;
            var path = TryRef(src, scope, node);
            if (path is null)
            {
                continue;
            }

            foreach (var c in src.Children)
            {
                Clone(c, node);
            }

            node.Closed = src.Closed;
            var avoid = src.Children.Select(c => c.Label).ToList();
            switch (mode)
            {
                case "copy":
                    node.Text = path;
                    break;
                case "extend":
                    node.Prefix = path + " & ";
                    PlanField(node, depth, avoid);
                    break;
                default:
                    node.Items.Add(new GenItem(_ => path));
                    var extras = _rnd.Next(0, 3);
                    for (var i = 0; i < extras; i++)
                    {
                        PlanField(node, depth, avoid);
                    }

                    break;
            }

            return true;
        }

        return false;
    }

    private static GenNode Clone(GenNode src, GenNode parent)
    {
        var c = new GenNode(src.Label, src.Kind, src.Shape, parent)
        {
            Virtual = true,
            CopyOf = src,
            Concrete = src.Concrete,
            Opaque = src.Opaque,
            Closed = src.Closed,
            Open = src.Open,
            Form = src.Form,
            Bounds = src.Bounds,
            Text = src.Text,
            Elem = src.Elem,
            Length = src.Length,
            IntLiteral = src.IntLiteral,
            InDefinition = parent.InDefinition,
        };
        parent.Children.Add(c);
        c.Deps.Add(src);
        foreach (var g in src.Children)
        {
            Clone(g, c);
        }

        return c;
    }

    private void PlanDefinition()
    {
        var free = DefinitionPool.Where(d => !_root.Declared.Contains(d)).ToList();
        var def = AddChild(_root, free[_rnd.Next(free.Count)], GenLabelKind.Definition, GenShape.Struct, true);
        def.InDefinition = true;
        def.Closed = true;
        PlanSchema(def, 0);
        _definitions.Add(def);
    }

    private void PlanSchema(GenNode s, int depth)
    {
        var n = _rnd.Next(2, 6);
        for (var i = 0; i < n; i++)
        {
            var label = FreshLabel(s, GenLabelKind.Regular);
            var form = Pick(SchemaForm.TypeOnly, SchemaForm.TypeOnly, SchemaForm.Default, SchemaForm.Bound, SchemaForm.Concrete,
                SchemaForm.Optional, SchemaForm.Nested);
            if (form == SchemaForm.Default && !Has(CueFeatures.Disjunctions))
            {
                form = SchemaForm.TypeOnly;
            }

            if (form == SchemaForm.Optional && !Has(CueFeatures.OptionalFields))
            {
                form = SchemaForm.Concrete;
            }

            if (form == SchemaForm.Nested && depth >= 1)
            {
                form = SchemaForm.TypeOnly;
            }

            var shape = form switch
            {
                SchemaForm.Nested => GenShape.Struct,
                SchemaForm.Bound => GenShape.Int,
                _ => PickScalar(),
            };
            var node = AddChild(s, label, form == SchemaForm.Optional ? GenLabelKind.Optional : GenLabelKind.Regular, shape, true);
            node.Form = form;
            switch (form)
            {
                case SchemaForm.TypeOnly:
                case SchemaForm.Optional:
                    node.Text = TypeName(shape);
                    break;
                case SchemaForm.Default:
                    node.Text = _rnd.NextDouble() < 0.5
                        ? $"*{ScalarLiteral(shape)} | {TypeName(shape)}"
                        : $"{TypeName(shape)} | *{ScalarLiteral(shape)}";
                    break;
                case SchemaForm.Bound:
                    var lo = _rnd.Next(0, 6);
                    node.Bounds = (lo, lo + _rnd.Next(3, 20));
                    node.Text = $">={node.Bounds.Lo} & <={node.Bounds.Hi}";
                    break;
                case SchemaForm.Concrete:
                    node.Text = ScalarLiteral(shape);
                    break;
                default:
                    var other = _definitions.Where(d => d.Ancestors().All(a => a == _root)).ToList();
                    if (other.Count > 0 && _rnd.NextDouble() < 0.5)
                    {
                        var target = Pick(other.ToArray());
                        node.Text = target.Label;
                        foreach (var c in target.Children)
                        {
                            Clone(c, node);
                        }
                    }
                    else
                    {
                        PlanSchema(node, depth + 1);
                    }

                    break;
            }
        }

        if (_rnd.NextDouble() < 0.15)
        {
            s.Open = true;
            s.Items.Add(new GenItem(_ => "..."));
        }
    }

    private void PlanDefinitionUse(GenNode v, GenNode def, int depth)
    {
        v.Closed = true;
        v.Open = def.Open;
        v.Deps.Add(def);
        var mode = Has(CueFeatures.Embedding) ? Pick("and", "embed", "split") : Pick("and", "split");
        if (mode == "split" && (v.Parent != _root || v.Kind != GenLabelKind.Regular))
        {
            mode = "and";
        }

        switch (mode)
        {
            case "and":
                v.Prefix = def.Label + " & ";
                break;
            case "embed":
                v.Items.Add(new GenItem(_ => def.Label));
                break;
            default:
                v.Text = def.Label;
                _root.Items.Add(new GenItem(indent => $"{v.Label}: {RenderLiteral(v, indent)}"));
                break;
        }

        SupplySchema(v, def, depth);
        if (def.Open && _rnd.NextDouble() < 0.3)
        {
            PlanField(v, depth, def.Children.Select(c => c.Label));
        }

        if (_conflict == "closedness" && !_conflictDone && !def.Open && mode == "embed" && Chainable(v))
        {
            // The embedding literal may declare fields of its own; another literal may not.
            var label = FreshLabel(v, GenLabelKind.Regular, def.Children.Select(c => c.Label));
            Poison(v);
            _root.Items.Add(new GenItem(_ => $"{Chain(v)}: {label}: 1"));
            _conflictDone = true;
        }
        else if (_conflict == "closedness" && !_conflictDone && !def.Open && mode != "embed")
        {
            var extra = AddChild(v, FreshLabel(v, GenLabelKind.Regular, def.Children.Select(c => c.Label)), GenLabelKind.Regular, GenShape.Int, true);
            extra.Text = "1";
            extra.Poisoned = true;
            _conflictDone = true;
        }
    }

    private void SupplySchema(GenNode v, GenNode schema, int depth)
    {
        foreach (var s in schema.Children)
        {
            var form = s.Form == SchemaForm.None ? SchemaForm.Concrete : s.Form;
            var supply = form switch
            {
                SchemaForm.TypeOnly or SchemaForm.Bound or SchemaForm.Nested => true,
                SchemaForm.Default or SchemaForm.Optional => _rnd.NextDouble() < 0.4,
                _ => _rnd.NextDouble() < 0.15,
            };
            if (supply && _conflict == "incomplete" && !_conflictDone && form == SchemaForm.TypeOnly)
            {
                supply = false;
                _conflictDone = true;
            }

            if (!supply)
            {
                if (form != SchemaForm.Optional)
                {
                    var c = AddChild(v, s.Label, GenLabelKind.Regular, s.Shape, false);
                    c.Concrete = form is SchemaForm.Default or SchemaForm.Concrete;
                    c.Poisoned = !c.Concrete;
                }

                continue;
            }

            var child = AddChild(v, s.Label, GenLabelKind.Regular, s.Shape, true);
            child.Closed = true;
            child.Open = s.Open;
            switch (form)
            {
                case SchemaForm.Bound:
                    var (lo, hi) = s.Bounds;
                    if (_conflict == "bound" && !_conflictDone)
                    {
                        child.IntLiteral = hi + _rnd.Next(1, 5);
                        child.Poisoned = true;
                        _conflictDone = true;
                    }
                    else
                    {
                        child.IntLiteral = _rnd.Next(lo, hi + 1);
                    }

                    child.Text = child.IntLiteral.Value.ToString(CultureInfo.InvariantCulture);
                    break;
                case SchemaForm.Concrete:
                    child.Text = s.Text;
                    break;
                case SchemaForm.Nested:
                    SupplySchema(child, s, depth + 1);
                    break;
                default:
                    _leaves.Add(child);
                    break;
            }
        }
    }

    private void AddComprehension(GenNode s)
    {
        string? text = null;
        s.Items.Insert(_rnd.Next(s.Items.Count + 1), new GenItem(_ => text));
        _lateJobs.Add(() => text = Comprehension(s));
    }

    private string? Comprehension(GenNode s)
    {
        var id = (++_counter).ToString(CultureInfo.InvariantCulture);
        var kind = Has(CueFeatures.Lists) ? Pick("struct", "list", "if") : Pick("struct", "if");
        if (kind == "struct")
        {
            foreach (var src in Candidates(n => n.Shape == GenShape.Struct && n.Children.Any(c => c.Kind == GenLabelKind.Regular), s))
            {
                var path = TryRef(src, s, s);
                if (path is null)
                {
                    continue;
                }

                var allInts = src.Children.Where(c => c.Kind == GenLabelKind.Regular).All(c => c.Shape == GenShape.Int && c.Concrete);
                var guard = allInts && Has(CueFeatures.Arithmetic) && _rnd.NextDouble() < 0.5 ? $" if v{id} > 2" : "";
                var value = allInts && Has(CueFeatures.Arithmetic) && _rnd.NextDouble() < 0.5 ? $"v{id} * 2" : $"v{id}";
                return $"for k{id}, v{id} in {path}{guard} {{\"\\(k{id})_c{id}\": {value}}}";
            }
        }
        else if (kind == "list")
        {
            foreach (var src in Candidates(n => n.Shape == GenShape.List, s))
            {
                var path = TryRef(src, s, s);
                if (path is not null)
                {
                    return $"for i{id}, x{id} in {path} {{\"e\\(i{id})_c{id}\": x{id}}}";
                }
            }
        }

        var cond = Expr(GenShape.Bool, s, s, 1);
        var body = Expr(PickScalar(), s, s, 1);
        return $"if {cond} {{c{id}: {body}}}";
    }

    private void AddFragment()
    {
        var r = _rnd.NextDouble();
        if (r < 0.5)
        {
            var target = Shuffled(_root.SelfAndDescendants().Where(n => n.IntLiteral is not null && Chainable(n))).FirstOrDefault();
            if (target is not null)
            {
                var l = target.IntLiteral!.Value;
                var narrow = Pick("int", $">={l - _rnd.Next(0, 4)}", $"<={l + _rnd.Next(0, 4)}", l.ToString(CultureInfo.InvariantCulture), "number", $"!={l + 1}");
                _root.Items.Add(new GenItem(_ => $"{Chain(target)}: {narrow}"));
                return;
            }
        }

        var host = Shuffled(_root.SelfAndDescendants().Where(n =>
            n.Shape == GenShape.Struct && Chainable(n) && !n.Closed && (n == _root || n.Text is null))).FirstOrDefault();
        if (host is null || host == _root)
        {
            return;
        }

        var leaf = AddChild(host, FreshLabel(host, GenLabelKind.Regular), GenLabelKind.Regular, GenShape.Int, false);
        leaf.IntLiteral = _rnd.Next(0, 9);
        var text = $"{Chain(host)}: {leaf.Label}: {leaf.IntLiteral}";
        _root.Items.Add(new GenItem(_ => text));
    }

    private void InjectLateConflict()
    {
        // No definition use was planned to carry it: add one (its planning injects the error).
        var closedDefs = _definitions.Where(d => !d.Open).ToArray();
        if (_conflict is "closedness" or "bound" && closedDefs.Length > 0)
        {
            var holder = AddChild(_root, FreshLabel(_root, GenLabelKind.Regular), GenLabelKind.Regular, GenShape.Struct, true);
            PlanDefinitionUse(holder, Pick(closedDefs), 1);
            if (_conflictDone)
            {
                return;
            }
        }

        _conflictDone = true;
        var leaf = Shuffled(_root.SelfAndDescendants().Where(n => n.IntLiteral is not null && Chainable(n) && !n.Virtual)).FirstOrDefault();
        var structNode = Shuffled(_root.SelfAndDescendants().Where(n => n != _root && n.Shape == GenShape.Struct && Chainable(n))).FirstOrDefault();
        var closed = Shuffled(_root.SelfAndDescendants().Where(n => n != _root && n.Shape == GenShape.Struct && n.Closed && !n.InDefinition && !n.Open && Chainable(n))).FirstOrDefault();
        if (_conflict == "struct-vs-scalar" && structNode is not null)
        {
            Poison(structNode);
            _root.Items.Add(new GenItem(_ => $"{Chain(structNode)}: 5"));
        }
        else if (_conflict == "closedness" && closed is not null)
        {
            Poison(closed);
            _root.Items.Add(new GenItem(_ => $"{Chain(closed)}: zz: 1"));
        }
        else if (_conflict == "value-conflict" && leaf is not null)
        {
            Poison(leaf);
            _root.Items.Add(new GenItem(_ => $"{Chain(leaf)}: {leaf.IntLiteral + 1}"));
        }
        else if (_conflict == "incomplete")
        {
            var n = AddChild(_root, FreshLabel(_root, GenLabelKind.Regular), GenLabelKind.Regular, GenShape.Int, true);
            n.Text = Has(CueFeatures.Disjunctions) ? "1 | 2" : "int";
            n.Concrete = false;
            n.Poisoned = true;
        }
        else if (leaf is not null)
        {
            _conflict = "type-conflict";
            Poison(leaf);
            _root.Items.Add(new GenItem(_ => $"{Chain(leaf)}: \"{Pick(Words)}\""));
        }
        else
        {
            _conflict = "type-conflict";
            var n = AddChild(_root, FreshLabel(_root, GenLabelKind.Regular), GenLabelKind.Regular, GenShape.Int, true);
            n.Text = "1";
            n.Poisoned = true;
            _root.Items.Add(new GenItem(_ => $"{n.Label}: \"one\""));
        }
    }

    private static void Poison(GenNode n)
    {
        foreach (var d in n.SelfAndDescendants())
        {
            d.Poisoned = true;
        }
    }

    // A path that can be written as `a: b: c: ...` from the file's top level.
    private static bool Chainable(GenNode n) =>
        n.Kind is GenLabelKind.Regular or GenLabelKind.Hidden && !n.InDefinition && !n.Opaque
        && n.Ancestors().All(a => a.Parent is null || (a.Kind is GenLabelKind.Regular or GenLabelKind.Hidden && !a.Opaque));

    private static string Chain(GenNode n) => string.Join(": ", n.Ancestors().Reverse().Skip(1).Append(n).Select(a => a.Label));
}
