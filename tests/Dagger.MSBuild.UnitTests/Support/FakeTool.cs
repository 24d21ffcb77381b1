using Dagger.TestRig;

namespace Dagger.MSBuild.UnitTests.Support;

/// <summary>
/// A stand-in for the dagger tool: a shell script, in a folder of its own, that records its arguments (one a line in
/// <c>args</c>), counts its runs (<c>runs</c>), prints a canned event stream on stderr and a text on stdout, and exits
/// with a code. It can wait to be interrupted (SIGINT), as the real tool does when a build is cancelled.
/// </summary>
internal sealed class FakeTool : IDisposable
{
    private FakeTool(string folder) => Folder = folder;

    /// <summary>The script's folder.</summary>
    public string Folder { get; }

    /// <summary>The script.</summary>
    public string Path => System.IO.Path.Combine(Folder, "dagger");

    /// <summary>The arguments of the last run.</summary>
    public IReadOnlyList<string> Arguments => File.ReadAllLines(System.IO.Path.Combine(Folder, "args"));

    /// <summary>How many times it ran.</summary>
    public int Runs => File.Exists(System.IO.Path.Combine(Folder, "runs")) ? File.ReadAllLines(System.IO.Path.Combine(Folder, "runs")).Length : 0;

    /// <summary>Whether it is waiting to be interrupted.</summary>
    public bool Ready => File.Exists(System.IO.Path.Combine(Folder, "ready"));

    /// <summary>Whether it received SIGINT and said so.</summary>
    public bool Interrupted => File.Exists(System.IO.Path.Combine(Folder, "interrupted"));

    /// <summary>What the environment variable named when creating it held, as the tool saw it.</summary>
    public string? Seen(string variable)
    {
        var file = System.IO.Path.Combine(Folder, "env-" + variable);
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    /// <summary>Writes a fake tool.</summary>
    /// <param name="stderr">The event stream (or anything else) it prints on stderr.</param>
    /// <param name="exitCode">Its exit code.</param>
    /// <param name="stdout">What it prints on stdout.</param>
    /// <param name="variables">Environment variables whose values it records (see <see cref="Seen"/>).</param>
    /// <param name="onInterrupt">When set, it waits for SIGINT after printing, then prints this and exits with 130.</param>
    /// <param name="ignoreInterrupt">It waits and ignores SIGINT, so that it must be killed.</param>
    public static FakeTool Create(string stderr, int exitCode = 0, string stdout = "", IEnumerable<string>? variables = null, string? onInterrupt = null, bool ignoreInterrupt = false)
    {
        var tool = new FakeTool(Directory.CreateTempSubdirectory("dagger-fake-tool-").FullName);
        File.WriteAllText(System.IO.Path.Combine(tool.Folder, "stderr"), stderr);
        File.WriteAllText(System.IO.Path.Combine(tool.Folder, "stdout"), stdout);
        File.WriteAllText(System.IO.Path.Combine(tool.Folder, "on-interrupt"), onInterrupt ?? "");
        var script = new List<string>
        {
            "#!/bin/sh",
            "dir=$(dirname \"$0\")",
            "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$dir/args\"",
            "echo run >> \"$dir/runs\"",
        };
        script.AddRange((variables ?? []).Select(v => $"printf '%s' \"${v}\" > \"$dir/env-{v}\""));
        script.Add("cat \"$dir/stderr\" >&2");
        script.Add("cat \"$dir/stdout\"");
        if (onInterrupt is not null)
        {
            script.Add("trap 'kill $sleeper 2>/dev/null; cat \"$dir/on-interrupt\" >&2; touch \"$dir/interrupted\"; exit 130' INT");
        }
        else if (ignoreInterrupt)
        {
            script.Add("trap '' INT");
        }

        if (onInterrupt is not null || ignoreInterrupt)
        {
            script.Add("sleep 60 & sleeper=$!");
            script.Add("touch \"$dir/ready\"");
            script.Add("wait $sleeper");
        }

        script.Add($"exit {exitCode}");
        ExecutableFile.Write(tool.Path, string.Join("\n", script) + "\n");

        return tool;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
