using System.Text;
using System.Text.Json.Nodes;

namespace Dagger.Action.UnitTests.Fakes;

/// <summary>
/// One run of the action's program, in process, in a runner of its own: a workspace, the runner's files
/// (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, the event file), a fake dagger first on PATH, and the INPUT_* and GITHUB_*
/// variables of a workflow run on a fake GitHub API.
/// </summary>
internal sealed class ActionRun : IDisposable
{
    /// <summary>The repository of every run.</summary>
    public const string Repository = "octo-org/hello";

    /// <summary>The commit of a push.</summary>
    public const string PushSha = "1111111111111111111111111111111111111111";

    /// <summary>The head commit of a pull request.</summary>
    public const string HeadSha = "2222222222222222222222222222222222222222";

    /// <summary>The token the inputs carry.</summary>
    public const string Token = "ghs_FAKEtoken0123456789abcdefTOKEN";

    private readonly Dictionary<string, string> environment = new(StringComparer.Ordinal);

    private ActionRun(string eventName, JsonObject payload)
    {
        Root = Directory.CreateTempSubdirectory("dagger-action-").FullName;
        Workspace = Path.Combine(Root, "workspace");
        RunnerTemp = Path.Combine(Root, "runner-temp");
        Bin = Path.Combine(Root, "bin");
        Directory.CreateDirectory(Workspace);
        Directory.CreateDirectory(RunnerTemp);
        Directory.CreateDirectory(Path.Combine(Workspace, "ci"));
        OutputFile = Path.Combine(Root, "github-output");
        SummaryFile = Path.Combine(Root, "step-summary");
        File.WriteAllText(OutputFile, "");
        File.WriteAllText(SummaryFile, "");
        var eventFile = Path.Combine(Root, "event.json");
        File.WriteAllText(eventFile, payload.ToJsonString());
        Dagger = new FakeDagger(Bin);

        environment["PATH"] = Bin + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");
        environment["HOME"] = System.Environment.GetEnvironmentVariable("HOME") ?? Root;
        environment["GITHUB_ACTIONS"] = "true";
        environment["GITHUB_REPOSITORY"] = Repository;
        environment["GITHUB_SHA"] = eventName.StartsWith("pull_request", StringComparison.Ordinal) ? "3333333333333333333333333333333333333333" : PushSha;
        environment["GITHUB_EVENT_NAME"] = eventName;
        environment["GITHUB_EVENT_PATH"] = eventFile;
        environment["GITHUB_SERVER_URL"] = "https://github.com";
        environment["GITHUB_RUN_ID"] = "987654321";
        environment["GITHUB_WORKSPACE"] = Workspace;
        environment["GITHUB_OUTPUT"] = OutputFile;
        environment["GITHUB_STEP_SUMMARY"] = SummaryFile;
        environment["RUNNER_TEMP"] = RunnerTemp;
        environment["RUNNER_OS"] = "Linux";
        environment["RUNNER_ARCH"] = "X64";
        environment["INPUT_TOKEN"] = Token;
        environment["INPUT_PLAN"] = "ci";
    }

    /// <summary>The run's own folder, removed at the end.</summary>
    public string Root { get; }

    /// <summary>The repository's checkout (GITHUB_WORKSPACE); the plan is its <c>ci</c> folder.</summary>
    public string Workspace { get; }

    /// <summary>RUNNER_TEMP.</summary>
    public string RunnerTemp { get; }

    /// <summary>The folder first on PATH, which holds the fake dagger.</summary>
    public string Bin { get; }

    /// <summary>GITHUB_OUTPUT.</summary>
    public string OutputFile { get; }

    /// <summary>GITHUB_STEP_SUMMARY.</summary>
    public string SummaryFile { get; }

    /// <summary>The fake dagger.</summary>
    public FakeDagger Dagger { get; }

    /// <summary>The plan's folder (<c>ci</c> in the workspace).</summary>
    public string Plan => Path.Combine(Workspace, "ci");

    /// <summary>A run for a push to main.</summary>
    public static ActionRun Push() => new("push", new JsonObject
    {
        ["ref"] = "refs/heads/main",
        ["after"] = PushSha,
        ["repository"] = new JsonObject { ["full_name"] = Repository },
    });

    /// <summary>A run for a pull request from a branch of the same repository, or from a fork.</summary>
    public static ActionRun PullRequest(bool fromFork = false) => new("pull_request", new JsonObject
    {
        ["number"] = 7,
        ["pull_request"] = new JsonObject
        {
            ["number"] = 7,
            ["head"] = new JsonObject
            {
                ["sha"] = HeadSha,
                ["ref"] = "feature",
                ["repo"] = new JsonObject { ["full_name"] = fromFork ? "someone/hello" : Repository, ["fork"] = fromFork },
            },
            ["base"] = new JsonObject { ["sha"] = PushSha, ["ref"] = "main", ["repo"] = new JsonObject { ["full_name"] = Repository } },
        },
    });

    /// <summary>Sets an input (INPUT_ + the name upper-cased).</summary>
    public ActionRun Input(string name, string value)
    {
        environment["INPUT_" + name.Replace(' ', '_').ToUpperInvariant()] = value;
        return this;
    }

    /// <summary>Sets or removes (null) an environment variable.</summary>
    public ActionRun Variable(string name, string? value)
    {
        if (value is null)
        {
            environment.Remove(name);
        }
        else
        {
            environment[name] = value;
        }

        return this;
    }

    /// <summary>Runs the program with <paramref name="args"/> against <paramref name="api"/> (or no API).</summary>
    public async Task<ActionResult> RunAsync(FakeGitHubApi? api, ActionSettings? settings = null, string[]? args = null, CancellationToken cancel = default, CancellationToken hardStop = default)
    {
        environment["GITHUB_API_URL"] = api?.BaseAddress.ToString().TrimEnd('/') ?? "http://127.0.0.1:9";
        using var log = new StringWriter();
        var code = await ActionProgram.RunAsync(
            args ?? [],
            ActionEnvironment.From(environment),
            TextWriter.Synchronized(log),
            settings ?? new ActionSettings { LiveInterval = TimeSpan.FromMinutes(10) },
            cancel,
            hardStop);
        return new ActionResult(code, log.ToString(), ReadOutputs(), File.ReadAllText(SummaryFile), api?.Requests ?? []);
    }

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(Root, recursive: true);

    private Dictionary<string, string> ReadOutputs()
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = File.ReadAllText(OutputFile, Encoding.UTF8).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var marker = lines[i].IndexOf("<<", StringComparison.Ordinal);
            if (marker <= 0)
            {
                continue;
            }

            var (name, delimiter) = (lines[i][..marker], lines[i][(marker + 2)..]);
            var value = new List<string>();
            while (++i < lines.Length && lines[i] != delimiter)
            {
                value.Add(lines[i]);
            }

            outputs[name] = string.Join('\n', value);
        }

        return outputs;
    }
}
