namespace Dagger.Cue.UnitTests.Fidelity;

/// <summary>
/// A small program reduced from real CUE (dagger's universes) where we once differed from the reference, and the
/// exact stdout of one <c>cue</c> command on it, as the reference CUE v0.4.0-beta.1 prints it.
/// </summary>
/// <param name="Name">A short name for the test row.</param>
/// <param name="Args">The <c>cue</c> arguments, e.g. <c>export x.cue</c>.</param>
/// <param name="Stdout">What the command prints on stdout.</param>
/// <param name="Files">The files (path relative to the case folder, text); a path may contain folders.</param>
/// <param name="ExitCode">The command's exit status.</param>
internal sealed record FidelityCase(string Name, string[] Args, string Stdout, (string Path, string Text)[] Files, int ExitCode = 0)
{
    /// <summary>A case of one file, <c>x.cue</c>.</summary>
    public static FidelityCase Of(string name, string args, string source, string stdout, int exitCode = 0) =>
        new(name, args.Split(' '), stdout, [("x.cue", source)], exitCode);

    /// <summary>Writes the files below <paramref name="dir"/>.</summary>
    public void WriteTo(string dir)
    {
        foreach (var (path, text) in Files)
        {
            var full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }

    public override string ToString() => Name;
}
