using System.Text;
using Dagger.TestRig;

namespace Dagger.Action.UnitTests.Fakes;

/// <summary>
/// A fake <c>dagger</c> on PATH: a bash script that records its arguments and environment, prints a canned stdout,
/// replays a canned event stream on stderr and exits with a set code. When told to hang, it waits after the stream
/// until SIGINT, then writes the end of a cancelled run and exits 130, as the tool does on Ctrl-C.
/// </summary>
internal sealed class FakeDagger
{
    private const string Script = """
        #!/usr/bin/env bash
        here="$(cd "$(dirname "$0")" && pwd)"
        if [ "${1:-}" = version ]; then echo "dagger $(cat "$here/fake-version")"; exit 0; fi
        printf '%s\0' "$@" > "$here/fake-argv"
        env -0 > "$here/fake-env"
        cat "$here/fake-stdout"
        if [ -f "$here/fake-hang" ]; then
          trap 'cat "$here/fake-cancelled.jsonl" >&2; exit 130' INT
          cat "$here/fake-stream.jsonl" >&2
          touch "$here/fake-hanging"
          while :; do sleep 0.05; done
        fi
        cat "$here/fake-stream.jsonl" >&2
        exit "$(cat "$here/fake-exitcode")"
        """;

    private readonly string folder;

    /// <summary>Writes the fake into <paramref name="folder"/> (a folder put first on PATH).</summary>
    public FakeDagger(string folder)
    {
        this.folder = folder;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "dagger");
        ExecutableFile.Write(path, Script.Replace("\r", "", StringComparison.Ordinal) + "\n");
        Version = "0.1.0";
        Stdout = "";
        Stream = new EventStream();
        ExitCode = 0;
    }

    /// <summary>The version <c>dagger version</c> reports.</summary>
    public string Version { set => File.WriteAllText(Path.Combine(folder, "fake-version"), value); }

    /// <summary>What it prints on stdout.</summary>
    public string Stdout { set => File.WriteAllText(Path.Combine(folder, "fake-stdout"), value); }

    /// <summary>The stream it writes on stderr.</summary>
    public EventStream Stream { set => File.WriteAllText(Path.Combine(folder, "fake-stream.jsonl"), value.ToString(), new UTF8Encoding(false)); }

    /// <summary>Its exit code.</summary>
    public int ExitCode { set => File.WriteAllText(Path.Combine(folder, "fake-exitcode"), value.ToString(System.Globalization.CultureInfo.InvariantCulture)); }

    /// <summary>Makes it replay <paramref name="stream"/> and exit with <paramref name="exitCode"/>.</summary>
    public void Replay(EventStream stream, int exitCode = 0)
    {
        Stream = stream;
        ExitCode = exitCode;
    }

    /// <summary>Makes it hang after the stream until SIGINT, then write <paramref name="cancelled"/> and exit 130.</summary>
    public void HangUntilInterrupted(EventStream cancelled)
    {
        File.WriteAllText(Path.Combine(folder, "fake-hang"), "");
        File.WriteAllText(Path.Combine(folder, "fake-cancelled.jsonl"), cancelled.ToString(), new UTF8Encoding(false));
    }

    /// <summary>Whether it is hanging (it wrote its stream and waits for SIGINT).</summary>
    public bool Hanging => File.Exists(Path.Combine(folder, "fake-hanging"));

    /// <summary>The arguments of its last run, or null when it did not run.</summary>
    public IReadOnlyList<string>? Arguments =>
        File.Exists(Path.Combine(folder, "fake-argv"))
            ? File.ReadAllText(Path.Combine(folder, "fake-argv")).Split('\0', StringSplitOptions.None)[..^1]
            : null;

    /// <summary>The environment of its last run.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        File.ReadAllText(Path.Combine(folder, "fake-env"))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.Last()[1]);
}
