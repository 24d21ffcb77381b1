namespace Dagger.Runtime.Llb;

/// <summary>
/// An immutable chain of filesystem changes (mkdir, mkfile, rm, copy) that <see cref="State.File"/> applies in order as a
/// single file op. Relative paths are resolved against the working directory of the state the chain is applied to.
/// Permission modes are the usual Unix bits (e.g. 0755 is 0x1ED).
/// </summary>
public sealed class FileAction
{
    private FileAction(FileAction? previous, FileActionSpec spec)
    {
        Previous = previous;
        Spec = spec;
    }

    internal FileAction? Previous { get; }

    internal FileActionSpec Spec { get; }

    /// <summary>Creates a directory.</summary>
    public static FileAction Mkdir(string path, int mode, MkdirOptions? options = null) =>
        new(null, new MkdirSpec(RequirePath(path, "mkdir"), Check.FileMode(mode, $"mkdir {path}"), options ?? new MkdirOptions()));

    /// <summary>Creates (or replaces) a file with <paramref name="data"/>.</summary>
    public static FileAction Mkfile(string path, int mode, ReadOnlySpan<byte> data, MkfileOptions? options = null) =>
        new(null, new MkfileSpec(RequirePath(path, "mkfile"), Check.FileMode(mode, $"mkfile {path}"), data.ToArray(), options ?? new MkfileOptions()));

    /// <summary>Removes a file or directory.</summary>
    public static FileAction Rm(string path, RmOptions? options = null) =>
        new(null, new RmSpec(RequirePath(path, "rm"), options ?? new RmOptions()));

    /// <summary>
    /// Copies <paramref name="src"/> of <paramref name="source"/> (relative to its working directory) to
    /// <paramref name="dest"/>. A destination ending in "/" names a directory to copy into.
    /// </summary>
    public static FileAction Copy(State source, string src, string dest, CopyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckCopyMode(options, src);
        return new(null, new CopySpec(source, null, RequirePath(src, "copy source"), RequirePath(dest, "copy destination"), options ?? new CopyOptions()));
    }

    /// <summary>Copies from the result of another action chain applied to its own state, within the same file op.</summary>
    public static FileAction Copy(FileActionWithState source, string src, string dest, CopyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckCopyMode(options, src);
        return new(null, new CopySpec(null, source, RequirePath(src, "copy source"), RequirePath(dest, "copy destination"), options ?? new CopyOptions()));
    }

    /// <summary>This chain followed by a mkdir.</summary>
    public FileAction ThenMkdir(string path, int mode, MkdirOptions? options = null) => new(this, Mkdir(path, mode, options).Spec);

    /// <summary>This chain followed by a mkfile.</summary>
    public FileAction ThenMkfile(string path, int mode, ReadOnlySpan<byte> data, MkfileOptions? options = null) =>
        new(this, Mkfile(path, mode, data, options).Spec);

    /// <summary>This chain followed by an rm.</summary>
    public FileAction ThenRm(string path, RmOptions? options = null) => new(this, Rm(path, options).Spec);

    /// <summary>This chain followed by a copy from another state.</summary>
    public FileAction ThenCopy(State source, string src, string dest, CopyOptions? options = null) =>
        new(this, Copy(source, src, dest, options).Spec);

    /// <summary>This chain followed by a copy from another bound chain.</summary>
    public FileAction ThenCopy(FileActionWithState source, string src, string dest, CopyOptions? options = null) =>
        new(this, Copy(source, src, dest, options).Spec);

    /// <summary>Binds this chain to <paramref name="state"/>, to be used as the source of a copy in another chain.</summary>
    public FileActionWithState WithState(State state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new FileActionWithState(BoundFileAction.Bind(this, state));
    }

    private static void CheckCopyMode(CopyOptions? options, string src)
    {
        if (options?.Mode is int mode)
        {
            Check.FileMode(mode, $"copy {src}");
        }
    }

    private static string RequirePath(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Length == 0 ? throw new LlbException($"file op: the {what} path must not be empty") : path;
    }
}
