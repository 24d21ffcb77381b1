using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Cue.Export;
using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue;

/// <summary>A CUE value: the result of compiling sources, or a part of one.</summary>
public sealed class CueValue
{
    internal CueValue(CueContext context, Vertex vertex)
    {
        Context = context;
        Vertex = vertex;
    }

    internal CueContext Context { get; }

    internal Vertex Vertex { get; }

    private Evaluator Ev => Context.Evaluator;

    /// <summary>Evaluates an expression in the scope of this value's top-level fields (like <c>cue export -e</c>).</summary>
    /// <exception cref="CueEvalException">The expression does not parse or refers to unknown names.</exception>
    public CueValue Evaluate(string expression)
    {
        Expr expr;
        try
        {
            expr = Parser.ParseExpr("-e", expression);
        }
        catch (CueSyntaxException e)
        {
            throw new CueEvalException([new CueError("", e.Reason, e.Pos, [])], false);
        }

        Ev.Evaluate(Vertex);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in Vertex.Arcs)
        {
            names.Add(Context.Evaluator.Names.Name(a.Label));
        }

        // A path of fields is the field itself, as in the reference: unifying its conjuncts again through a new
        // reference would judge their closedness anew, from a context of its own.
        if (FieldPath(expr) is { } path && names.Contains(path[0].Label!) && LookupPath(path) is { } field)
        {
            return field;
        }

        var holder = new StructLit();
        holder.Decls.Add(new Field { Label = new Label { Name = "-e" }, Value = expr });
        var file = new SourceFile { Name = "-e", Root = holder, Package = "expr" };
        var errs = Compiler.Compile(Context.Evaluator.Names, file, "", names, Builtins.Packages.DefaultName);
        if (errs.Count > 0)
        {
            throw new CueEvalException(errs, false);
        }

        var scope = FindScope();
        var env = new Env(new Env(null, Vertex) { File = scope }, Vertex);
        var t = new Vertex(Vertex, Labels.None);
        t.Conjuncts.Add(new Conjunct(env, expr, null));
        return new CueValue(Context, t);
    }

    private FileScope? FindScope()
    {
        foreach (var c in Vertex.Conjuncts)
        {
            if (c.Env?.FindFile() is { } f)
            {
                return f;
            }
        }

        return null;
    }

    /// <summary>Throws when this value is itself an incomplete error (<c>"x\(a)"</c> with <c>a: string</c>), as
    /// <c>cue eval -e</c> fails on one, or a struct whose comprehensions cannot run yet; a type, a disjunction, or a
    /// struct or list with incomplete fields is not one.</summary>
    /// <exception cref="CueEvalException">The value is incomplete.</exception>
    public void ThrowIfIncomplete()
    {
        Ev.Finalize(Vertex);
        if (Vertex.BaseValue is DisjunctionValue)
        {
            return;
        }

        switch (Ev.Deref(Vertex))
        {
            case Bottom { IsIncomplete: true } b:
                throw JsonExporter.FailAt(Ev, Vertex, b);
            case Vertex { IsStruct: true } when Vertex.PendingError is { IsIncomplete: true } pending:
                // A struct whose comprehensions could not run yet.
                throw JsonExporter.FailAt(Ev, Vertex, pending);
        }
    }

    // The labels of `a.b."c"` and `l[0]`, or null for any other expression; hidden labels belong to a package, so
    // they are left to the general path.
    private static List<CueSelector>? FieldPath(Expr expr)
    {
        var labels = new List<CueSelector>();
        var e = expr;
        while (e is SelectorExpr or IndexExpr)
        {
            if (e is SelectorExpr sel)
            {
                labels.Insert(0, CueSelector.Field(sel.Sel));
                e = sel.X;
                continue;
            }

            var ix = (IndexExpr)e;
            if (ix.Index is not BasicLit { Kind: LitKind.Int } lit || !int.TryParse(lit.Text, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 0)
            {
                return null;
            }

            labels.Insert(0, CueSelector.Item(n));
            e = ix.X;
        }

        if (e is not Ident id)
        {
            return null;
        }

        labels.Insert(0, CueSelector.Field(id.Name));
        return labels.Exists(l => l.Label is not null && l.Label.StartsWith('_')) ? null : labels;
    }

    /// <summary>The value at a dot-separated path of field names (no quoting), or null when there is none.</summary>
    public CueValue? LookupPath(string path) => LookupPath(CueSelector.Parse(path));

    /// <summary>The value at <paramref name="path"/> (field labels and list indexes), or null when there is none.</summary>
    public CueValue? LookupPath(IReadOnlyList<CueSelector> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var v = Vertex;
        foreach (var selector in path)
        {
            Ev.Evaluate(v);
            if (Ev.Deref(v) is Vertex d)
            {
                v = d;
            }

            Vertex? next;
            if (selector.Label is { } label)
            {
                next = v.Lookup(Context.Evaluator.Names.FromName(label));
            }
            else
            {
                Ev.Finalize(v);
                next = v.IsList && selector.Index < v.Elems.Count ? v.Elems[selector.Index] : null;
            }

            if (next is null)
            {
                return null;
            }

            v = next;
        }

        return new CueValue(Context, v);
    }

    /// <summary>Checks the value: any conflict below it fails; with <paramref name="concrete"/>, so does any
    /// regular field that is not concrete.</summary>
    /// <exception cref="CueEvalException">The value has errors.</exception>
    public void Validate(bool concrete = false)
    {
        JsonExporter.Validate(Ev, Vertex);
        if (concrete)
        {
            JsonExporter.Checked(Ev, Vertex, () => JsonExporter.Export(Ev, Vertex, false));
        }
    }

    /// <summary>The value as JSON in CUE's field order, indented with 4 spaces like <c>cue export</c>.</summary>
    /// <exception cref="CueEvalException">The value has errors or is not concrete.</exception>
    public string ToJson(bool indent = true)
    {
        return JsonExporter.Checked(Ev, Vertex, () => JsonExporter.Export(Ev, Vertex, indent));
    }

    /// <summary>Writes the value as <see cref="ToJson"/> does, without building one string of it (for large
    /// values). Nothing is written when the value has errors or is not concrete.</summary>
    /// <exception cref="CueEvalException">The value has errors or is not concrete.</exception>
    public void WriteJson(TextWriter writer, bool indent = true)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var text = JsonExporter.Checked(Ev, Vertex, () => JsonExporter.Build(Ev, Vertex, indent));
        foreach (var chunk in text.GetChunks())
        {
            writer.Write(chunk.Span);
        }
    }

    /// <summary>The value as YAML, like <c>cue export --out yaml</c>.</summary>
    /// <exception cref="CueEvalException">The value has errors or is not concrete.</exception>
    public string ToYaml()
    {
        return JsonExporter.Checked(Ev, Vertex, () => YamlExporter.Export(Ev, Vertex));
    }

    /// <summary>The value as CUE text, like <c>cue eval</c> (or <c>cue export --out cue</c> when
    /// <paramref name="concrete"/>).</summary>
    /// <exception cref="CueEvalException">The value has errors (or, when concrete, is not concrete).</exception>
    public string ToCue(bool concrete = false)
    {
        return JsonExporter.Checked(Ev, Vertex, () => CuePrinter.Print(Ev, Vertex, concrete));
    }

    /// <summary>True when the value (after defaults) is a concrete scalar, struct or list.</summary>
    public bool IsConcrete
    {
        get
        {
            Ev.Finalize(Vertex);
            var d = Ev.Deref(Vertex);
            return d is Vertex || d.IsConcrete;
        }
    }

    /// <summary>The kinds the value may still take.</summary>
    public Kind Kind
    {
        get
        {
            Ev.Finalize(Vertex);
            return Ev.Deref(Vertex) switch
            {
                Bottom => Kind.None,
                Vertex v => v.KindOfValue(),
                var x => x.Kind,
            };
        }
    }

    /// <summary>The path of this value from the root, like <c>a.b."c-d"</c>.</summary>
    public string Path => Vertex.PathString(Context.Evaluator.Names);

    /// <summary>Where the value's field was declared, when known.</summary>
    public Syntax.Pos Position => Vertex.Pos;

    /// <summary>
    /// Where the value is written: from its field's label (or, for a list element, the element's start) to the end of
    /// the value, in the file of its first written conjunct. Null when the value comes from no source (an input filled
    /// as data, say).
    /// </summary>
    public SourceSpan? Span
    {
        get
        {
            var start = Vertex.Pos;
            foreach (var c in Vertex.Conjuncts)
            {
                if (c.Expr is not { End: > 0 } expr || expr.Start is not { IsValid: true } exprStart
                    || (start.IsValid && exprStart.File != start.File) || !Context.Sources.TryGetValue(exprStart.File, out var text))
                {
                    continue;
                }

                // A field's label comes before its value; a list element has no label of its own.
                var begin = start.IsValid && (start.Line < exprStart.Line || (start.Line == exprStart.Line && start.Column <= exprStart.Column)) ? start : exprStart;
                return SourceSpans.Of(text, begin, expr.End);
            }

            return start.IsValid ? Context.SpanAt(start) : null;
        }
    }

    /// <summary>
    /// The doc comments of the fields that declare this value (the comment lines right above each, as CUE reads them),
    /// each once, in the order the evaluator met them; null when there is none.
    /// </summary>
    public string? Doc
    {
        get
        {
            var docs = new List<string>();
            Collect(Vertex, docs, 0);
            return docs.Count == 0 ? null : string.Join("\n", docs);

            static void Collect(Vertex v, List<string> docs, int depth)
            {
                foreach (var c in v.Conjuncts)
                {
                    if (c.Expr?.Doc is { } doc && !docs.Contains(doc))
                    {
                        docs.Add(doc);
                    }
                    else if (c.Data is { } data && depth < 8)
                    {
                        Collect(data, docs, depth + 1);
                    }
                }
            }
        }
    }

    /// <summary>The error of this value (a conflict, or an incomplete value), or null when it has none.</summary>
    public CueEvalException? Error
    {
        get
        {
            Ev.Finalize(Vertex);
            var d = Ev.Deref(Vertex);
            if (d is Bottom b)
            {
                return JsonExporter.Fail(Context.Evaluator, Vertex, b);
            }

            if (Vertex.ChildError is not null)
            {
                var errors = new List<CueError>();
                ErrorCollector.CollectErrors(Context.Evaluator.Names, Vertex, errors);
                return new CueEvalException(errors, false);
            }

            return null;
        }
    }

    /// <summary>The default of a disjunction (or the value itself), and whether a default existed.</summary>
    public CueValue Default(out bool hasDefault)
    {
        Ev.Finalize(Vertex);
        hasDefault = false;
        if (Vertex.BaseValue is DisjunctionValue { NumDefaults: 1 } d)
        {
            hasDefault = true;
            return new CueValue(Context, d.Values[0]);
        }

        return this;
    }

    /// <summary>The kinds a value with a default may take instead of it (<c>struct</c> for <c>*null | {a: int}</c>);
    /// <see cref="Kind"/> for a value without one.</summary>
    public Kind KindBesideDefault
    {
        get
        {
            Ev.Finalize(Vertex);
            if (Vertex.BaseValue is not DisjunctionValue { NumDefaults: > 0 } d)
            {
                return Kind;
            }

            var kind = Kind.None;
            foreach (var v in d.Values.Skip(d.NumDefaults))
            {
                kind |= v.KindOfValue();
            }

            return kind == Kind.None ? Kind : kind;
        }
    }

    /// <summary>The fields of a struct in CUE's export order.</summary>
    public IEnumerable<CueField> Fields(CueFieldOptions options = CueFieldOptions.None)
    {
        Ev.Finalize(Vertex);
        if (Ev.Deref(Vertex) is not Vertex { IsStruct: true } s)
        {
            yield break;
        }

        var seen = new HashSet<int>();
        foreach (var a in ExportOrder.Arcs(s))
        {
            var t = Labels.TypeOf(a.Label);
            var def = Labels.IsDefinition(a.Label);
            var hidden = Labels.IsHidden(a.Label);
            if (t == LabelType.Int || (def && !options.HasFlag(CueFieldOptions.Definitions)) || (hidden && !options.HasFlag(CueFieldOptions.Hidden)))
            {
                continue;
            }

            seen.Add(a.Label);
            yield return new CueField(Context.Evaluator.Names.Name(a.Label), new CueValue(Context, a), def, hidden, false);
        }

        if (!options.HasFlag(CueFieldOptions.Optional))
        {
            yield break;
        }

        foreach (var p in s.Patterns)
        {
            if (p.ExactLabel == Labels.None || !seen.Add(p.ExactLabel))
            {
                continue;
            }

            var ov = new Vertex(s, p.ExactLabel) { Attributes = p.Attributes is { } attributes ? [.. attributes] : null };
            ov.Conjuncts.Add(new Conjunct(new Env(p.Env.Up, p.Env.Vertex, p.ExactLabel) { File = p.Env.File }, p.Value, p.Ci));
            yield return new CueField(Context.Evaluator.Names.Name(p.ExactLabel), new CueValue(Context, ov), Labels.IsDefinition(p.ExactLabel), Labels.IsHidden(p.ExactLabel), true);
        }
    }

    /// <summary>True for a list that may still take more elements, such as <c>[...T]</c> or <c>[a, ...]</c>.</summary>
    public bool IsOpenList
    {
        get
        {
            Ev.Finalize(Vertex);
            return Ev.Deref(Vertex) is Vertex { IsList: true } l && l.BaseValue is ListMarker { IsOpen: true };
        }
    }

    /// <summary>The elements of a list value.</summary>
    public IReadOnlyList<CueValue> Elements()
    {
        Ev.Finalize(Vertex);
        return Ev.Deref(Vertex) is Vertex { IsList: true } l ? l.Elems.Select(e => new CueValue(Context, e)).ToList() : [];
    }

    /// <summary>
    /// The values that this value's own expressions refer to by name (<c>b: a</c>, <c>"\(a.x)"</c>, <c>a + 1</c>), in
    /// source order. The fields of struct and list literals are values of their own and are not included. Useful to
    /// tell which referenced value keeps this one from being concrete.
    /// </summary>
    public IReadOnlyList<CueValue> References()
    {
        Ev.Finalize(Vertex);
        return [.. Ev.ReferencedVertices(Vertex).Select(v => new CueValue(Context, v))];
    }

    /// <summary>The attributes named <paramref name="name"/> on the field(s) that declared this value.</summary>
    public IReadOnlyList<CueAttribute> Attributes(string name) =>
        (Vertex.Attributes ?? []).Where(a => a.Name == name).Select(a => new CueAttribute(a.Name, a.Body)).Distinct().ToList();

    /// <summary>
    /// The declaration attributes named <paramref name="name"/>: those written among the fields of a struct literal
    /// that makes up this value, including literals reached through references, such as <c>@dagger(output)</c> in
    /// <c>#Output: {@dagger(output), _, ...}</c> for <c>message: #Output &amp; "hi"</c>. Attributes of fields are
    /// in <see cref="Attributes"/>.
    /// </summary>
    public IReadOnlyList<CueAttribute> DeclarationAttributes(string name)
    {
        Ev.Finalize(Vertex);
        var vertices = new List<Vertex> { Vertex };
        if (Vertex.BaseValue is DisjunctionValue d)
        {
            vertices.AddRange(d.Values.OfType<Vertex>());
        }

        return [.. vertices
            .SelectMany(v => v.Structs)
            .SelectMany(si => si.Lit?.Attributes ?? [])
            .Where(a => a.Name == name)
            .Select(a => new CueAttribute(a.Name, a.Body))
            .Distinct()];
    }

    /// <summary>
    /// A new value: this one unified with <paramref name="value"/> placed at <paramref name="path"/> (dot-separated
    /// labels; empty for this value itself). The value is a <see cref="CueValue"/> of the same context, or plain
    /// .NET data: null, bool, string, byte[], integers, double, decimal, dictionaries with string keys, and lists.
    /// This value is left unchanged.
    /// </summary>
    public CueValue FillPath(string path, object? value) => FillPath(CueSelector.Parse(path), value);

    /// <summary>
    /// A new value: this one unified with <paramref name="value"/> placed at <paramref name="path"/> (field labels and
    /// list indexes: at index i of a list, the value is unified with the element, as <c>[_, …, value, ...]</c>).
    /// </summary>
    public CueValue FillPath(IReadOnlyList<CueSelector> path, object? value)
    {
        var data = FillHolder(path, value, out _);
        var v = new Vertex(Vertex.Parent, Vertex.Label) { ClosedByLabel = Vertex.ClosedByLabel, Pos = Vertex.Pos, Attributes = Vertex.Attributes };
        v.Conjuncts.AddRange(Vertex.Conjuncts);
        v.Conjuncts.Add(new Conjunct(null, null, null, data));
        return new CueValue(Context, v);
    }

    /// <summary>The data conjunct <c>{l1: {l2: ... value}}</c> that a fill at <paramref name="path"/> adds.</summary>
    internal Vertex FillHolder(IReadOnlyList<CueSelector> path, object? value, out int[] labels)
    {
        ArgumentNullException.ThrowIfNull(path);
        var data = value is CueValue cv ? cv.Vertex : ToData(value);
        labels = [.. path.Select(s => s.Label is { } l ? Context.Evaluator.Names.FromName(l) : Labels.Int(s.Index))];
        foreach (var selector in path.Reverse())
        {
            if (selector.Label is null)
            {
                data = ListHolder(selector.Index, data);
                continue;
            }

            var holder = new Vertex(null, Labels.None) { IsData = true, Status = VertexStatus.Finalized, BaseValue = StructMarker.Instance };
            var label = Context.Evaluator.Names.FromName(selector.Label);
            var child = data.IsData ? data : new Vertex(holder, label);
            if (!data.IsData)
            {
                child.Conjuncts.Add(new Conjunct(null, null, null, data));
            }

            holder.AddArc(Relabel(child, label, holder));
            holder.AddStruct(new StructInfo(null, null, null) { DataLabels = [label] });
            data = holder;
        }

        return data;
    }

    // An open list whose element at index is the value and whose other elements are top: [_, _, value, ...]. Written
    // in CUE, since data has no open lists; the value comes in through a hidden field, which does not close it.
    private Vertex ListHolder(int index, Vertex data)
    {
        var tops = string.Concat(Enumerable.Repeat("_, ", index));
        var template = Context.Compile($"_value: _\nlist: [{tops}_value, ...]\n", "fill-path.cue");
        return template.FillPath([CueSelector.Field("_value")], new CueValue(Context, data)).LookupPath("list")!.Vertex;
    }

    private static Vertex Relabel(Vertex v, int label, Vertex parent)
    {
        if (v.Label == label)
        {
            v.Parent = parent;
            return v;
        }

        var r = new Vertex(parent, label) { IsData = v.IsData, Status = v.Status, BaseValue = v.BaseValue, Structs = v.Structs };
        foreach (var a in v.Arcs)
        {
            r.AddArc(a);
        }

        if (!v.IsData)
        {
            r.Conjuncts.AddRange(v.Conjuncts);
        }

        return r;
    }

    private Vertex ToData(object? value)
    {
        Value v = value switch
        {
            null => NullValue.Instance,
            bool b => BoolValue.Of(b),
            string str => new StringValue(str),
            byte[] bytes => new BytesValue(bytes),
            int i => NumValue.Int(i),
            long l => NumValue.Int(l),
            ulong ul => NumValue.Int(ul),
            System.Numerics.BigInteger bi => NumValue.Int(bi),
            double d => new NumValue(CueDecimal.FromDouble(d), false),
            decimal m => new NumValue(CueDecimal.ParseDecimalText(m.ToString(System.Globalization.CultureInfo.InvariantCulture)), false),
            System.Collections.IDictionary dict => Ev.MakeStruct(dict.Keys.Cast<object>().Select(k => (k.ToString()!, (Value)ToData(dict[k]))).ToList()),
            System.Collections.IEnumerable seq => Ev.MakeList(seq.Cast<object?>().Select(x => (Value)ToData(x)).ToList()),
            _ => throw new ArgumentException($"cannot convert {value.GetType().Name} to a CUE value", nameof(value)),
        };
        return v as Vertex ?? Evaluator.DataVertex(Labels.None, v);
    }

    /// <summary>The value as a string, if it is a concrete string.</summary>
    public bool TryGetString(out string value)
    {
        Ev.Finalize(Vertex);
        value = Ev.Deref(Vertex) is StringValue s ? s.S : "";
        return Ev.Deref(Vertex) is StringValue;
    }

    /// <summary>The value as a 64-bit integer, if it is a concrete int in range.</summary>
    public bool TryGetInt64(out long value)
    {
        Ev.Finalize(Vertex);
        value = 0;
        if (Ev.Deref(Vertex) is NumValue { IsInt: true } n && n.D.ToBigInteger() is var bi && bi >= long.MinValue && bi <= long.MaxValue)
        {
            value = (long)bi;
            return true;
        }

        return false;
    }

    /// <summary>The value as a bool, if it is a concrete bool.</summary>
    public bool TryGetBool(out bool value)
    {
        Ev.Finalize(Vertex);
        value = Ev.Deref(Vertex) is BoolValue { B: true };
        return Ev.Deref(Vertex) is BoolValue;
    }

    /// <summary>The value as a double, if it is a concrete number.</summary>
    public bool TryGetDouble(out double value)
    {
        Ev.Finalize(Vertex);
        value = Ev.Deref(Vertex) is NumValue n ? n.D.ToDouble() : 0;
        return Ev.Deref(Vertex) is NumValue;
    }

    /// <inheritdoc/>
    public override string ToString() => Vertex.PathString(Context.Evaluator.Names);
}
