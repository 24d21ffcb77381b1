using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Cue.Export;
using Dagger.Runtime.Cue.Load;

namespace Dagger.Runtime.Cue;

/// <summary>
/// Compiles CUE sources into values. A context owns one evaluator; values from one context must not be mixed
/// with values from another. Not thread-safe.
/// </summary>
public sealed class CueContext
{
    private const int StackSize = 512 * 1024 * 1024;

    internal Evaluator Evaluator { get; } = new();

    /// <summary>The text of every file this context parsed, by the name its positions carry.</summary>
    internal Dictionary<string, Syntax.SourceText> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>The evaluation work done by this context so far (see <see cref="CueWork"/>).</summary>
    public CueWork Work => new(Evaluator.VerticesEvaluated, Evaluator.ConjunctsAdded);

    /// <summary>Loads the files or the package named in <paramref name="args"/>, relative to
    /// <paramref name="directory"/>, resolving imports from the enclosing CUE module.</summary>
    /// <exception cref="CueEvalException">A file is missing, does not parse or compile, or several packages are named.</exception>
    public CueValue Load(string directory, IReadOnlyList<string> args) => Load(directory, args, null);

    /// <summary>
    /// Loads one instance like <see cref="LoadInstances"/>, and fails when <paramref name="args"/> name several
    /// packages.
    /// </summary>
    /// <exception cref="CueEvalException">A file is missing, does not parse or compile, or several packages are named.</exception>
    public CueValue Load(string directory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? overlay)
    {
        var all = LoadInstances(directory, args, overlay);
        return all.Count == 1 ? all[0] : throw new CueEvalException($"{all.Count} packages given ({string.Join(", ", args)}); load them one at a time", false);
    }

    /// <summary>
    /// Loads the instances named in <paramref name="args"/> like the reference <c>cue</c> command line: either
    /// <c>.cue</c> files (one instance, exactly those files), or packages, one instance each: a directory
    /// (<c>.</c>, <c>./sub</c>) or an import path of the module or of <c>cue.mod/{gen,pkg,usr}</c>
    /// (<c>example.com/x/sub</c>), optionally with <c>:name</c> to pick one of several packages in a directory
    /// (<c>.:_</c> picks the files without a package clause). No arguments means <c>.</c>.
    /// </summary>
    /// <param name="directory">The working directory: relative arguments, overlay paths and error positions are
    /// relative to it, and the CUE module is the one enclosing it.</param>
    /// <param name="args">Files or packages.</param>
    /// <param name="overlay">Extra files (path, absolute or relative to <paramref name="directory"/> → content)
    /// that the loader sees as if they were on disk, without writing them: an overlay file replaces a disk file
    /// at the same path and makes its directories exist. Typical use: packages under
    /// <c>cue.mod/pkg/&lt;import path&gt;/</c>.</param>
    /// <param name="tags">Tags, like <c>cue -t</c>: a bare name (<c>prod</c>) is true in <c>@if(...)</c> build
    /// attributes, which decide whether a file takes part, or selects the shorthand of a <c>@tag(key, short=prod)</c>
    /// field; <c>key=value</c> adds the value to every field of the instances marked <c>@tag(key)</c> (a string,
    /// or per <c>type=int|number|bool</c>).</param>
    /// <exception cref="CueEvalException">A file or package is missing, ambiguous, or does not parse or compile;
    /// an import cycle; a tag that no file uses or whose value does not fit its type.</exception>
    public IReadOnlyList<CueValue> LoadInstances(
        string directory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? overlay = null, IReadOnlyList<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var loader = new Loader(Evaluator, Path.GetFullPath(directory), overlay, Sources, tags);
        return loader.LoadInstances(args).Select(v => new CueValue(this, v)).ToList();
    }

    /// <summary>Compiles in-memory CUE sources (name, text), as if they were files of one instance.</summary>
    /// <exception cref="CueEvalException">A source does not parse or compile.</exception>
    public CueValue Compile(IReadOnlyList<(string Name, string Text)> sources)
    {
        var root = new Loader(Evaluator, Directory.GetCurrentDirectory(), null, Sources).LoadSources(sources);
        return new CueValue(this, root);
    }

    /// <summary>Compiles one CUE source text.</summary>
    public CueValue Compile(string source, string name = "input.cue") => Compile([(name, source)]);

    /// <summary>
    /// Decodes a JSON document into a value, as <c>encoding/json.Unmarshal</c> does: member order and the text of
    /// numbers are kept, so an integer stays an integer and a decimal keeps its digits.
    /// </summary>
    /// <exception cref="CueEvalException">The text is not JSON.</exception>
    public CueValue DecodeJson(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = Builtins.JsonPackage.Parse(text, "JSON");
            return Wrap(Builtins.JsonPackage.FromJson(Evaluator, document.RootElement));
        }
        catch (BuiltinException e)
        {
            throw new CueEvalException(e.Message, false);
        }
    }

    /// <summary>
    /// Decodes one YAML document into a value, as <c>encoding/yaml.Unmarshal</c> does (YAML 1.2's core schema:
    /// <c>yes</c> stays a string, <c>1_000</c> and <c>0o17</c> are integers); an empty text is null.
    /// </summary>
    /// <exception cref="CueEvalException">The text is not YAML, or holds several documents.</exception>
    public CueValue DecodeYaml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<Value> documents;
        try
        {
            documents = Builtins.YamlPackage.Documents(Evaluator, text);
        }
        catch (BuiltinException e)
        {
            throw new CueEvalException(e.Message, false);
        }

        return documents.Count switch
        {
            0 => Wrap(NullValue.Instance),
            1 => Wrap(documents[0]),
            var n => throw new CueEvalException($"yaml: expected one document, found {n}", false),
        };
    }

    // A decoded value as a vertex of its own, as a list element holds it.
    private CueValue Wrap(Value value) => new(this, value as Vertex ?? Evaluator.MakeList([value]).Arcs[0]);

    /// <summary>
    /// The point at <paramref name="pos"/> (a position of an error, say) with its column counted in characters, or
    /// null when the position is invalid or in a file this context did not parse.
    /// </summary>
    public SourceSpan? SpanAt(Syntax.Pos pos) =>
        pos.IsValid && Sources.TryGetValue(pos.File, out var text) ? SourceSpans.Point(text, pos) : null;

    /// <summary>
    /// Runs <paramref name="work"/> on a thread with a large stack: deeply nested configurations recurse deeply,
    /// and a stack overflow cannot be caught in .NET. Exceptions are rethrown on the caller's thread.
    /// </summary>
    public static T RunWithLargeStack<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        T result = default!;
        Exception? error = null;
        LargeStackWorker.Run(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    error = e;
                }
            },
            StackSize);
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }

        return result;
    }
}
