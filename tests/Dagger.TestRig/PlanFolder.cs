namespace Dagger.TestRig;

/// <summary>A plan in a fresh temporary folder, laid out as a user's: a module without a name, then its CUE files.</summary>
public static class PlanFolder
{
    /// <summary>A folder named after <paramref name="prefix"/> holding <c>cue.mod/module.cue</c> and <c>main.cue</c>.</summary>
    public static Task<string> CreateAsync(string prefix, string mainCue, CancellationToken cancellationToken) =>
        CreateAsync(prefix, [("main.cue", mainCue)], cancellationToken);

    /// <summary>A folder named after <paramref name="prefix"/> holding <c>cue.mod/module.cue</c> and <paramref name="files"/>.</summary>
    public static async Task<string> CreateAsync(string prefix, IEnumerable<(string Name, string Text)> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var dir = Directory.CreateTempSubdirectory(prefix).FullName;
        Directory.CreateDirectory(Path.Combine(dir, "cue.mod"));
        await File.WriteAllTextAsync(Path.Combine(dir, "cue.mod", "module.cue"), "module: \"\"\n", cancellationToken).ConfigureAwait(false);
        foreach (var (name, text) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(dir, name), text, cancellationToken).ConfigureAwait(false);
        }

        return dir;
    }
}
