using System.Text;
using System.Text.Json;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;

namespace Dagger.Runtime.Engine.Plans;

/// <summary>A field of a definition that a plan sets (an input) or reads (an output).</summary>
/// <param name="Name">Its path inside the definition (<c>restore.source</c> for a nested one).</param>
/// <param name="Type">Its CUE type and default, on one line (<c>*"Release" | string</c>), or what it is
/// (<c>artifact</c>, <c>secret</c>, <c>struct</c>).</param>
/// <param name="Doc">Its doc comment, or null.</param>
public sealed record FieldDoc(string Name, string Type, string? Doc);

/// <summary>A definition of a package: its doc comment, inputs and outputs.</summary>
/// <param name="Name">Its name with the package's (<c>alpine.#Image</c>).</param>
/// <param name="Doc">Its doc comment, or null.</param>
/// <param name="Inputs">The fields marked <c>@dagger(input)</c>, in declaration order; in a definition that marks
/// none, its fields that no pipeline of their own computes.</param>
/// <param name="Outputs">The fields marked <c>@dagger(output)</c>, in declaration order; in a definition that marks
/// none, its fields that a pipeline of their own computes (<c>os.#File</c>'s <c>contents</c>).</param>
/// <param name="Value">For a definition that is no struct (a constant such as a default image), its value or type;
/// null for a struct.</param>
public sealed record DefinitionDoc(string Name, string? Doc, IReadOnlyList<FieldDoc> Inputs, IReadOnlyList<FieldDoc> Outputs, string? Value = null);

/// <summary>A package of the embedded universe, as <c>dagger doc</c> shows it.</summary>
/// <param name="Path">Its import path (<c>alpha.dagger.io/alpine</c>).</param>
/// <param name="Doc">The doc comment of its package clause, or null.</param>
/// <param name="Definitions">Its definitions, in declaration order.</param>
public sealed record PackageDoc(string Path, string? Doc, IReadOnlyList<DefinitionDoc> Definitions)
{
    /// <summary>The last element of the import path, the name that plans use (<c>alpine</c>).</summary>
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>The first paragraph of <see cref="Doc"/> on one line, or an empty string.</summary>
    public string Summary => PackageDocs.Summary(Doc);
}

/// <summary>
/// The documentation of the embedded packages (<see cref="EmbeddedPackages"/>): each package's doc comment, and for each
/// definition its doc comment, its inputs and its outputs, rendered as text, Markdown or JSON.
/// </summary>
public static class PackageDocs
{
    private const string Domain = "alpha.dagger.io";

    /// <summary>The import paths of the embedded packages, sorted.</summary>
    public static IReadOnlyList<string> Packages { get; } = EmbeddedPackages.Files.Keys
        .Select(k => k[..k.LastIndexOf('/')])
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The import path of <paramref name="name"/>: a full path (<c>alpha.dagger.io/os</c>) or one relative to
    /// alpha.dagger.io (<c>os</c>, <c>dagger/op</c>); null when no embedded package has it.
    /// </summary>
    public static string? Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var path = name.Trim().TrimEnd('/');
        if (!path.StartsWith(Domain + "/", StringComparison.Ordinal))
        {
            path = Domain + "/" + path;
        }

        return Packages.Contains(path, StringComparer.Ordinal) ? path : null;
    }

    /// <summary>Loads the embedded package at <paramref name="path"/> and describes it.</summary>
    /// <exception cref="CueEvalException">The package does not load.</exception>
    public static PackageDoc Describe(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return CueContext.RunWithLargeStack(() =>
        {
            // A module of its own, in memory: the packages placed in its cue.mod/pkg, as for a plan.
            var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dagger-doc-" + Guid.NewGuid().ToString("N"));
            var overlay = new Dictionary<string, string>(EmbeddedPackages.OverlayFor(root), StringComparer.Ordinal)
            {
                [System.IO.Path.Combine(root, "cue.mod", "module.cue")] = "module: \"\"\n",
            };
            var context = new CueContext();
            var value = context.Load(root, [path], overlay);
            var name = path[(path.LastIndexOf('/') + 1)..];
            var definitions = new List<DefinitionDoc>();
            foreach (var field in value.Fields(CueFieldOptions.Definitions))
            {
                if (!field.IsDefinition)
                {
                    continue;
                }

                var inputs = new List<FieldDoc>();
                var outputs = new List<FieldDoc>();
                var isStruct = field.Value.Kind == Cue.Core.Kind.Struct;
                if (isStruct)
                {
                    Walk(field.Value, "", inputs, outputs, 0);
                    if (inputs.Count == 0 && outputs.Count == 0)
                    {
                        Unmarked(field.Value, inputs, outputs);
                    }
                }

                definitions.Add(new DefinitionDoc($"{name}.{field.Label}", Clean(field.Value.Doc), inputs, outputs, isStruct ? null : TypeOf(field.Value)));
            }

            return new PackageDoc(path, PackageComment(path), definitions);
        });
    }

    /// <summary>Every embedded package, described.</summary>
    public static IReadOnlyList<PackageDoc> DescribeAll() => Packages.Select(Describe).ToList();

    /// <summary>The first paragraph of a doc comment on one line; an empty string for none.</summary>
    public static string Summary(string? doc)
    {
        if (string.IsNullOrWhiteSpace(doc))
        {
            return "";
        }

        var lines = doc.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).ToList();
        var end = lines.FindIndex(l => l.Length == 0);
        return string.Join(" ", end < 0 ? lines : lines.Take(end));
    }

    /// <summary>The package as text: its doc, then each definition with its doc, inputs and outputs.</summary>
    public static string ToText(PackageDoc package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var text = new StringBuilder();
        text.Append("Package ").Append(package.Path).Append('\n');
        if (package.Doc is { } doc)
        {
            text.Append('\n').Append(doc).Append('\n');
        }

        text.Append('\n').Append("import \"").Append(package.Path).Append("\"\n");
        foreach (var d in package.Definitions)
        {
            text.Append('\n').Append(d.Name).Append('\n');
            if (d.Doc is { } ddoc)
            {
                foreach (var line in ddoc.Split('\n'))
                {
                    text.Append(line.Length == 0 ? "" : "  " + line).Append('\n');
                }
            }

            if (d.Value is { } value)
            {
                text.Append("  Value: ").Append(value).Append('\n');
                continue;
            }

            Table(text, "Inputs", d.Inputs);
            Table(text, "Outputs", d.Outputs);
        }

        return text.ToString();

        static void Table(StringBuilder text, string title, IReadOnlyList<FieldDoc> fields)
        {
            if (fields.Count == 0)
            {
                text.Append("  ").Append(title).Append(": none\n");
                return;
            }

            text.Append("  ").Append(title).Append(":\n");
            var nameWidth = fields.Max(f => f.Name.Length);
            var typeWidth = fields.Max(f => f.Type.Length);
            foreach (var f in fields)
            {
                text.Append(($"    {f.Name.PadRight(nameWidth)}  {f.Type.PadRight(typeWidth)}  {Summary(f.Doc)}").TrimEnd()).Append('\n');
            }
        }
    }

    /// <summary>The package as a Markdown page.</summary>
    public static string ToMarkdown(PackageDoc package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var md = new StringBuilder();
        md.Append("# ").Append(package.Path).Append("\n\n");
        md.Append("<!-- Generated by `dagger doc -o docs/universe` from the packages embedded in the tool; do not edit. -->\n\n");
        if (package.Doc is { } doc)
        {
            md.Append(doc).Append("\n\n");
        }

        md.Append("```cue\nimport \"").Append(package.Path).Append("\"\n```\n");
        foreach (var d in package.Definitions)
        {
            md.Append("\n## ").Append(d.Name).Append("\n\n");
            if (d.Doc is { } ddoc)
            {
                md.Append(ddoc).Append("\n\n");
            }

            if (d.Value is { } value)
            {
                md.Append("Value: `").Append(value).Append("`\n");
                continue;
            }

            Table(md, d.Name, "Inputs", "input", d.Inputs);
            md.Append('\n');
            Table(md, d.Name, "Outputs", "output", d.Outputs);
        }

        return md.ToString();

        static void Table(StringBuilder md, string name, string title, string none, IReadOnlyList<FieldDoc> fields)
        {
            md.Append("### ").Append(name).Append(' ').Append(title).Append("\n\n");
            if (fields.Count == 0)
            {
                md.Append("_No ").Append(none).Append("._\n");
                return;
            }

            md.Append("| Name | Type | Description |\n|------|------|-------------|\n");
            foreach (var f in fields)
            {
                md.Append("| *").Append(Cell(f.Name)).Append("* | `").Append(Cell(f.Type)).Append("` | ").Append(Cell(Summary(f.Doc))).Append(" |\n");
            }
        }

        static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
    }

    /// <summary>The index page of <c>dagger doc -o</c>: every package with its summary.</summary>
    public static string IndexMarkdown(IReadOnlyList<PackageDoc> packages)
    {
        ArgumentNullException.ThrowIfNull(packages);
        var md = new StringBuilder();
        md.Append("# The universe: the CUE packages of dagger\n\n");
        md.Append("<!-- Generated by `dagger doc -o docs/universe` from the packages embedded in the tool; do not edit. -->\n\n");
        md.Append("Plans import these packages with no set-up: dagger gives them to the CUE loader from the tool itself, ")
            .Append("and `dagger init` vendors them into `cue.mod/pkg`.\n\n");
        md.Append("| Package | Description |\n|---------|-------------|\n");
        foreach (var p in packages)
        {
            md.Append("| [").Append(p.Path).Append("](").Append(FileName(p.Path)).Append(") | ").Append(p.Summary.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }

        return md.ToString();
    }

    /// <summary>The file of a package's page in <c>dagger doc -o</c>'s folder: <c>alpine.md</c>, <c>dagger-op.md</c>.</summary>
    public static string FileName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var relative = path.StartsWith(Domain + "/", StringComparison.Ordinal) ? path[(Domain.Length + 1)..] : path;
        return relative.Replace('/', '-') + ".md";
    }

    /// <summary>The package as JSON: <c>{"package", "doc", "definitions": [{"name", "doc", "inputs", "outputs"}]}</c>.</summary>
    public static string ToJson(PackageDoc package)
    {
        ArgumentNullException.ThrowIfNull(package);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("package", package.Path);
            json.WriteString("doc", package.Doc);
            json.WriteStartArray("definitions");
            foreach (var d in package.Definitions)
            {
                json.WriteStartObject();
                json.WriteString("name", d.Name);
                json.WriteString("doc", d.Doc);
                if (d.Value is not null)
                {
                    json.WriteString("value", d.Value);
                }

                Fields(json, "inputs", d.Inputs);
                Fields(json, "outputs", d.Outputs);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";

        static void Fields(Utf8JsonWriter json, string name, IReadOnlyList<FieldDoc> fields)
        {
            json.WriteStartArray(name);
            foreach (var f in fields)
            {
                json.WriteStartObject();
                json.WriteString("name", f.Name);
                json.WriteString("type", f.Type);
                json.WriteString("doc", f.Doc);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
    }

    // Inputs and outputs anywhere inside a definition, as the original found them; not inside pipelines (#up) nor
    // inside an input or output.
    private static void Walk(CueValue value, string prefix, List<FieldDoc> inputs, List<FieldDoc> outputs, int depth)
    {
        if (depth > 6)
        {
            return;
        }

        foreach (var field in value.Fields(CueFieldOptions.Optional))
        {
            var name = prefix + field.Label;
            var marks = field.Value.Attributes("dagger").Concat(field.Value.DeclarationAttributes("dagger"))
                .Select(a => a.Args.Count > 0 ? a.Args[0] : "")
                .ToList();
            if (marks.Contains("input"))
            {
                inputs.Add(new FieldDoc(name, TypeOf(field.Value), Clean(field.Value.Doc)));
            }
            else if (marks.Contains("output"))
            {
                outputs.Add(new FieldDoc(name, TypeOf(field.Value), Clean(field.Value.Doc)));
            }
            else if (field.Value.Kind == Cue.Core.Kind.Struct && !IsPipeline(field.Value))
            {
                Walk(field.Value, name + ".", inputs, outputs, depth + 1);
            }
        }
    }

    // A definition that marks nothing: its fields that compute a value with a pipeline of their own are its outputs
    // (os.#File's contents), the others its inputs.
    private static void Unmarked(CueValue value, List<FieldDoc> inputs, List<FieldDoc> outputs)
    {
        foreach (var field in value.Fields(CueFieldOptions.Optional))
        {
            var computed = Computed(field.Value)
                || (field.Value.Kind == Cue.Core.Kind.Struct && field.Value.Fields().Any(f => Computed(f.Value)));
            (computed ? outputs : inputs).Add(new FieldDoc(field.Label, TypeOf(field.Value), Clean(field.Value.Doc)));
        }
    }

    // A value, not an artifact, that its own pipeline computes: {string, #up: [...]}.
    private static bool Computed(CueValue value) => IsPipeline(value) && (value.Kind & ~Cue.Core.Kind.Struct) != 0;

    private static bool IsPipeline(CueValue value) =>
        value.Fields(CueFieldOptions.Definitions).Any(f => f.IsDefinition && f.Label == "#up");

    // The type of a field on one line: what dagger knows it as (an artifact, a secret, a stream), else its default and
    // kind (*"Release" | string), its value when it is concrete, or its kind.
    private static string TypeOf(CueValue value)
    {
        var known = value.DeclarationAttributes("dagger").Select(a => a.Args.Count > 0 ? a.Args[0] : "").ToList();
        var kind = known.Contains("artifact") ? "dagger.#Artifact"
            : known.Contains("secret") ? "dagger.#Secret"
            : known.Contains("stream") ? "dagger.#Stream"
            : Definition(value) ?? Cue.Core.KindNames.Name(value.KindBesideDefault);
        var chosen = value.Default(out var hasDefault);
        if (hasDefault)
        {
            return $"*{Json(chosen) ?? Cue.Core.KindNames.Name(chosen.Kind)} | {kind}";
        }

        return (value.Kind & Cue.Core.Kind.Struct) == 0 && (value.Kind & Cue.Core.Kind.List) == 0 && Json(value) is { } json ? json : kind;

        static string? Json(CueValue v)
        {
            // A struct or list written out would be an op list or a template, not a type: its kind says more.
            if (!v.IsConcrete || (v.Kind & (Cue.Core.Kind.Struct | Cue.Core.Kind.List)) != 0)
            {
                return null;
            }

            try
            {
                var json = v.ToJson(indent: false);
                return json.Length > 60 ? null : json;
            }
            catch (CueEvalException)
            {
                return null;
            }
        }
    }

    // A struct made from a definition (restore: #Restore) is shown as that definition, not as "struct".
    private static string? Definition(CueValue value)
    {
        if (value.Kind != Cue.Core.Kind.Struct)
        {
            return null;
        }

        // dagger.#Input and dagger.#Output only mark a value; they say nothing of its type.
        var path = value.References().Select(r => r.Path)
            .LastOrDefault(p => p.Contains('#', StringComparison.Ordinal) && !p.EndsWith("#Input", StringComparison.Ordinal) && !p.EndsWith("#Output", StringComparison.Ordinal));
        return path?[path.IndexOf('#', StringComparison.Ordinal)..];
    }

    private static string? Clean(string? doc) => string.IsNullOrWhiteSpace(doc) ? null : doc.Trim();

    // The comment lines right above the package clause of the package's first file that has them.
    private static string? PackageComment(string path)
    {
        var relative = path[(Domain.Length + 1)..];
        var prefix = Domain + "/" + relative + "/";
        foreach (var (file, text) in EmbeddedPackages.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (!file.StartsWith(prefix, StringComparison.Ordinal) || file[prefix.Length..].Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
            var clause = Array.FindIndex(lines, l => l.StartsWith("package ", StringComparison.Ordinal));
            var comment = new List<string>();
            for (var i = clause - 1; i >= 0 && lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal); i--)
            {
                var line = lines[i].TrimStart()[2..];
                comment.Insert(0, line.StartsWith(' ') ? line[1..] : line);
            }

            if (comment.Count > 0)
            {
                return string.Join("\n", comment).Trim();
            }
        }

        return null;
    }
}
