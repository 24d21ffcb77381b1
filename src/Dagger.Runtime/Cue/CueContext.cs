using Dagger.Runtime.Cue.Core;
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

    /// <summary>The evaluation work done by this context so far (see <see cref="CueWork"/>).</summary>
    public CueWork Work => new(Evaluator.VerticesEvaluated, Evaluator.ConjunctsAdded);

    /// <summary>Loads the files or package directories named in <paramref name="args"/>, relative to
    /// <paramref name="directory"/>, resolving imports from the enclosing CUE module.</summary>
    /// <exception cref="CueEvalException">A file is missing or does not parse or compile.</exception>
    public CueValue Load(string directory, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = new Loader(Evaluator, Path.GetFullPath(directory)).LoadArgs(args);
        return new CueValue(this, root);
    }

    /// <summary>Compiles in-memory CUE sources (name, text), as if they were files of one instance.</summary>
    /// <exception cref="CueEvalException">A source does not parse or compile.</exception>
    public CueValue Compile(IReadOnlyList<(string Name, string Text)> sources)
    {
        var root = new Loader(Evaluator, Directory.GetCurrentDirectory()).LoadSources(sources);
        return new CueValue(this, root);
    }

    /// <summary>Compiles one CUE source text.</summary>
    public CueValue Compile(string source, string name = "input.cue") => Compile([(name, source)]);

    /// <summary>
    /// Runs <paramref name="work"/> on a thread with a large stack: deeply nested configurations recurse deeply,
    /// and a stack overflow cannot be caught in .NET. Exceptions are rethrown on the caller's thread.
    /// </summary>
    public static T RunWithLargeStack<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        T result = default!;
        Exception? error = null;
        var t = new Thread(
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
        t.Start();
        t.Join();
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }

        return result;
    }
}
