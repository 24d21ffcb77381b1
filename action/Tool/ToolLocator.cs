namespace Dagger.Action.Tool;

/// <summary>Finds a command on the PATH of an environment, as a shell would.</summary>
internal static class ToolLocator
{
    /// <summary>The full path of <paramref name="command"/>, or null when no folder of PATH has it.</summary>
    public static string? Find(string command, ActionEnvironment environment)
    {
        if (command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(command) ? Path.GetFullPath(command) : null;
        }

        var extensions = OperatingSystem.IsWindows()
            ? (environment.Get("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';', StringSplitOptions.RemoveEmptyEntries)
            : [""];
        foreach (var folder in (environment.Get("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(folder, command + extension);
                if (File.Exists(candidate) && IsExecutable(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows()
        || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
