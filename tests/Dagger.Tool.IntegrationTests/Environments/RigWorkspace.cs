using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.Environments;

/// <summary>A hermetic user (project, key folder, variables, current folder, stdin) whose CLI runs against the rig's engine.</summary>
internal sealed class RigWorkspace : IDisposable
{
    private readonly string top;

    /// <summary>A workspace in a new temporary folder, or in <paramref name="folder"/> (which it then owns).</summary>
    public RigWorkspace(string? folder = null)
    {
        top = folder ?? Directory.CreateTempSubdirectory("dagger-envrun-").FullName;
        Root = Path.Combine(top, "project");
        Directory.CreateDirectory(Root);
        Variables["XDG_CONFIG_HOME"] = Path.Combine(top, "config");
        Variables["HOME"] = Path.Combine(top, "home");
    }

    public string Root { get; }

    public string Stdin { get; set; } = string.Empty;

    public Dictionary<string, string?> Variables { get; } = new(StringComparer.Ordinal);

    public string State(string environment, string file) => Path.Combine(Root, ".dagger", "env", environment, "state", file);

    /// <summary>The terminal that the CLI's stderr is, for the live view (<c>--log-format tty</c>); none by default.</summary>
    public Dagger.Tool.Rendering.Terminal? Terminal { get; set; }

    /// <summary>The engine the CLI runs on: the rig's unless a test puts something between them.</summary>
    public string? Engine { get; set; }

    /// <summary>Runs the CLI; a run with --log-format json must write only valid events.</summary>
    public Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunAsync(new StringWriter(), args);

    /// <summary>Runs the CLI with its standard error going to <paramref name="stderr"/>, which a test may watch.</summary>
    public async Task<(int Code, string Out, string Err)> RunAsync(StringWriter stderr, params string[] args)
    {
        using var stdout = new StringWriter();
        var context = new CliContext(k => Variables.GetValueOrDefault(k), Root, new StringReader(Stdin), Interactive: false) { ErrorTerminal = Terminal };
        var code = await Cli.RunAsync([.. args, "--engine", Engine ?? "docker+" + Rig.Current.Engine.Uri], stdout, stderr, context);
        var format = Array.IndexOf(args, "--log-format");
        if (format >= 0 && args[format + 1] == "json")
        {
            EventContract.Require(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return (code, stdout.ToString(), stderr.ToString());
    }

    public async Task<string> OkAsync(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);
        Assert.AreEqual(0, code, $"dagger {string.Join(' ', args)}: {error}");
        return output;
    }

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => Directory.Delete(top, recursive: true);
}
