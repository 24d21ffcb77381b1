using System.Collections.Immutable;
using Dagger.Action.Errors;

namespace Dagger.Action.Inputs;

/// <summary>The action's inputs, read and checked (see <c>action.yml</c> for what each means).</summary>
internal sealed record ActionInputs
{
    /// <summary>The names of every input, as <c>action.yml</c> declares them.</summary>
    public static readonly ImmutableArray<string> Names =
    [
        "version", "plan", "environment", "command", "args", "workdir", "token", "check-name", "report", "summary",
        "fail-on-error", "install-only", "age-key",
    ];

    /// <summary>The dagger version asked for, or null for the one that matches the action.</summary>
    public string? Version { get; init; }

    /// <summary>The plan's folder, relative to <see cref="Workdir"/>, or null for the tool's default.</summary>
    public string? Plan { get; init; }

    /// <summary>The environment to run (<c>-e</c>), or null.</summary>
    public string? Environment { get; init; }

    /// <summary>The dagger command.</summary>
    public DaggerCommand Command { get; init; } = DaggerCommand.Up;

    /// <summary>Further arguments, one per line of the input.</summary>
    public ImmutableArray<string> Args { get; init; } = [];

    /// <summary>The folder to run in, relative to the workspace.</summary>
    public string Workdir { get; init; } = ".";

    /// <summary>The token for the GitHub API, or null.</summary>
    public string? Token { get; init; }

    /// <summary>The name of the check run and the context of the commit status.</summary>
    public string CheckName { get; init; } = "dagger";

    /// <summary>Where the run is reported.</summary>
    public ReportMode Report { get; init; } = ReportMode.Auto;

    /// <summary>Whether the job summary is written.</summary>
    public bool Summary { get; init; } = true;

    /// <summary>Whether the step fails when dagger fails.</summary>
    public bool FailOnError { get; init; } = true;

    /// <summary>Whether only the install runs.</summary>
    public bool InstallOnly { get; init; }

    /// <summary>The age identity for encrypted environments, or null.</summary>
    public string? AgeKey { get; init; }

    /// <summary>Reads and checks the inputs; a value the action cannot use throws <see cref="ActionException"/>.</summary>
    public static ActionInputs Read(ActionEnvironment environment)
    {
        var reader = new InputReader(environment);
        var inputs = new ActionInputs
        {
            Version = Nullable(reader.Get("version")),
            Plan = Nullable(reader.Get("plan")),
            Environment = Nullable(reader.Get("environment")),
            Command = ParseCommand(reader.Get("command", "up")),
            Args = [.. reader.GetLines("args")],
            Workdir = reader.Get("workdir", "."),
            Token = Nullable(reader.Get("token")),
            CheckName = reader.Get("check-name", "dagger"),
            Report = ParseReport(reader.Get("report", "auto")),
            Summary = reader.GetBoolean("summary", true),
            FailOnError = reader.GetBoolean("fail-on-error", true),
            InstallOnly = reader.GetBoolean("install-only", false),
            // An age identity file has several lines (comments, the key): keep its shape, drop only the outer blanks.
            AgeKey = Nullable((environment.Get(InputReader.VariableName("age-key")) ?? "").Trim()),
        };
        inputs.Check();
        return inputs;
    }

    private void Check()
    {
        if (Version is not null && !ToolVersion.IsValid(Version))
        {
            throw Invalid($"input 'version' is '{Version}': give a release such as 0.1.0 (a floating 'latest' is not accepted, so that a run is repeatable)");
        }

        if (Environment is not null && Command == DaggerCommand.Compute)
        {
            throw Invalid("input 'environment' works with command 'up' or 'query'; 'compute' runs a plan folder, given by 'plan'");
        }

        if (Args.FirstOrDefault(a => a == "--log-format" || a.StartsWith("--log-format=", StringComparison.Ordinal)) is { } format)
        {
            throw Invalid($"input 'args' has '{format}': the action reads dagger's JSON event stream and sets the log format itself");
        }

        if (InstallOnly && AgeKey is not null)
        {
            throw Invalid("input 'age-key' is for the run, and 'install-only' runs nothing: give DAGGER_AGE_KEY in the env of the steps that run dagger");
        }

        if (CheckName.Contains('\n', StringComparison.Ordinal))
        {
            throw Invalid("input 'check-name' must be one line");
        }
    }

    private static DaggerCommand ParseCommand(string value) => value switch
    {
        "up" => DaggerCommand.Up,
        "compute" => DaggerCommand.Compute,
        "query" => DaggerCommand.Query,
        _ => throw Invalid($"input 'command' is '{value}': it must be up, compute or query"),
    };

    private static ReportMode ParseReport(string value) => value switch
    {
        "auto" => ReportMode.Auto,
        "check" => ReportMode.Check,
        "status" => ReportMode.Status,
        "annotations" => ReportMode.Annotations,
        "none" => ReportMode.None,
        _ => throw Invalid($"input 'report' is '{value}': it must be auto, check, status, annotations or none"),
    };

    private static ActionException Invalid(string message) => new(ActionCodes.InvalidInput, message);

    private static string? Nullable(string value) => value.Length == 0 ? null : value;
}
