namespace Dagger.Tool.UnitTests.Environments;

/// <summary>
/// A hermetic user: a project folder, a config folder for the age key, their own variables, current folder and
/// stdin; the CLI runs in-process against them.
/// </summary>
internal sealed class Workspace : IDisposable
{
    private readonly string top = Directory.CreateTempSubdirectory("dagger-env-").FullName;

    public Workspace()
    {
        Root = Path.Combine(top, "project");
        Directory.CreateDirectory(Root);
        Cwd = Root;
        Variables["XDG_CONFIG_HOME"] = Path.Combine(top, "config");
        Variables["HOME"] = Path.Combine(top, "home");
    }

    public string Root { get; }

    public string Top => top;

    public string Cwd { get; set; }

    public string Stdin { get; set; } = string.Empty;

    public Dictionary<string, string?> Variables { get; } = new(StringComparer.Ordinal);

    public string KeyFile => Path.Combine(Variables["XDG_CONFIG_HOME"]!, "dagger", "keys.txt");

    public string Values(string environment) => Path.Combine(Root, ".dagger", "env", environment, "values.yaml");

    public async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(k => Variables.GetValueOrDefault(k), Cwd, new StringReader(Stdin), Interactive: false);
        var code = await Cli.RunAsync(args, stdout, stderr, context);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs and requires success.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);
        Assert.AreEqual(0, code, $"dagger {string.Join(' ', args)}: {error}");
        return output;
    }

    /// <summary>Runs and requires failure; the error output (which never has a stack trace).</summary>
    public async Task<string> FailAsync(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);
        Assert.AreNotEqual(0, code, $"dagger {string.Join(' ', args)} should fail");
        Assert.DoesNotContain("   at ", error);
        return error;
    }

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Makes the project with one environment NAME on the plan <paramref name="plan"/> (main.cue).</summary>
    public async Task<Workspace> WithPlanAsync(string plan, string name = "test")
    {
        await OkAsync("init");
        Write("main.cue", plan);
        await OkAsync("new", name);
        return this;
    }

    public void Dispose() => Directory.Delete(top, recursive: true);
}
