using System.Diagnostics;

namespace Dagger.TestRig;

/// <summary>
/// Writes a script that a test then runs while other tests of the same process start processes in parallel.
/// </summary>
/// <remarks>
/// A file this process writes and then executes at once can fail with ETXTBSY ("Text file busy"): a child that another
/// thread forked while the file was still open for writing keeps a copy of that descriptor until it execs. So the text
/// goes into a side file, and <c>install</c>, a process of its own, copies it into place with its mode: this process
/// never holds the executable open for writing.
/// </remarks>
public static class ExecutableFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, executable by its owner.</summary>
    public static void Write(string path, string text, bool writable = true)
    {
        var source = path + ".text";
        File.WriteAllText(source, text);
        var start = new ProcessStartInfo("install") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in new[] { "-m", writable ? "0700" : "0500", source, path })
        {
            start.ArgumentList.Add(arg);
        }

        using var install = Process.Start(start) ?? throw new InvalidOperationException("could not start install");
        var error = install.StandardError.ReadToEnd();
        install.WaitForExit();
        File.Delete(source);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"install {path} exited with {install.ExitCode}: {error}");
        }
    }
}
