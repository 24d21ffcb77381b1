using System.Text.Json;
using Dagger.Action.Errors;

namespace Dagger.Action.GitHub;

/// <summary>
/// What the runner tells a step about its workflow run: the repository, the commit to report on, the URLs, and
/// the files where a step writes outputs and its summary. Values the runner did not set are null.
/// </summary>
internal sealed record GitHubContext
{
    /// <summary>The repository's owner, from <c>GITHUB_REPOSITORY</c>.</summary>
    public string? Owner { get; init; }

    /// <summary>The repository's name, from <c>GITHUB_REPOSITORY</c>.</summary>
    public string? Repository { get; init; }

    /// <summary>
    /// The commit that reports attach to: a pull request's head (not the merge commit <c>GITHUB_SHA</c> names, which
    /// the pull request does not show), else <c>GITHUB_SHA</c>.
    /// </summary>
    public string? HeadSha { get; init; }

    /// <summary>The event that started the workflow (<c>push</c>, <c>pull_request</c>, …).</summary>
    public string? EventName { get; init; }

    /// <summary>Whether the event is a pull request from another repository, whose token cannot write.</summary>
    public bool IsForkPullRequest { get; init; }

    /// <summary>The REST API's base address.</summary>
    public Uri ApiUrl { get; init; } = new("https://api.github.com/");

    /// <summary>The web server's address (<c>https://github.com</c>).</summary>
    public string ServerUrl { get; init; } = "https://github.com";

    /// <summary>The URL of this workflow run, or null when the run is not known.</summary>
    public string? RunUrl { get; init; }

    /// <summary>The repository's folder on the runner: annotation paths are relative to it.</summary>
    public string Workspace { get; init; } = ".";

    /// <summary>The runner's temporary folder, emptied at the end of each job.</summary>
    public string RunnerTemp { get; init; } = Path.GetTempPath();

    /// <summary>The file of step outputs (<c>GITHUB_OUTPUT</c>), or null outside a runner.</summary>
    public string? OutputFile { get; init; }

    /// <summary>The step summary's file (<c>GITHUB_STEP_SUMMARY</c>), or null outside a runner.</summary>
    public string? SummaryFile { get; init; }

    /// <summary>The file of folders to add to PATH for later steps (<c>GITHUB_PATH</c>), or null.</summary>
    public string? PathFile { get; init; }

    /// <summary>The runner's OS (<c>Linux</c>, <c>Windows</c>, <c>macOS</c>).</summary>
    public string RunnerOs { get; init; } = "";

    /// <summary>The runner's architecture (<c>X64</c>, <c>ARM64</c>).</summary>
    public string RunnerArch { get; init; } = "";

    /// <summary>Whether the API can be called: the repository and the commit are known.</summary>
    public bool CanCallApi => Owner is not null && Repository is not null && HeadSha is not null;

    /// <summary>A link to a place in the repository at the reported commit, or null when the repository is not known.</summary>
    public string? Link(string path, int line, int endLine) =>
        Owner is null || HeadSha is null
            ? null
            : $"{ServerUrl}/{Owner}/{Repository}/blob/{HeadSha}/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}#L{line}" + (endLine > line ? $"-L{endLine}" : "");

    /// <summary>Reads the context; an event file that is set but unreadable throws <see cref="ActionException"/>.</summary>
    public static GitHubContext Read(ActionEnvironment environment)
    {
        string? owner = null, repository = null;
        if (environment.Get("GITHUB_REPOSITORY") is { } full)
        {
            var slash = full.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == full.Length - 1 || full.IndexOf('/', slash + 1) >= 0)
            {
                throw new ActionException(ActionCodes.MissingContext, $"GITHUB_REPOSITORY is '{full}': expected owner/name");
            }

            (owner, repository) = (full[..slash], full[(slash + 1)..]);
        }

        var eventName = environment.Get("GITHUB_EVENT_NAME");
        using var payload = ReadEvent(environment.Get("GITHUB_EVENT_PATH"));
        var head = HeadOf(payload);
        var server = (environment.Get("GITHUB_SERVER_URL") ?? "https://github.com").TrimEnd('/');
        var runId = environment.Get("GITHUB_RUN_ID");
        var api = environment.Get("GITHUB_API_URL") ?? "https://api.github.com";
        if (!Uri.TryCreate(api.EndsWith('/') ? api : api + "/", UriKind.Absolute, out var apiUrl))
        {
            throw new ActionException(ActionCodes.MissingContext, $"GITHUB_API_URL is '{api}': expected an absolute URL");
        }

        return new GitHubContext
        {
            Owner = owner,
            Repository = repository,
            EventName = eventName,
            HeadSha = head.Sha ?? environment.Get("GITHUB_SHA"),
            IsForkPullRequest = head.FromFork,
            ApiUrl = apiUrl,
            ServerUrl = server,
            RunUrl = owner is null || runId is null ? null : $"{server}/{owner}/{repository}/actions/runs/{runId}",
            Workspace = Path.GetFullPath(environment.Get("GITHUB_WORKSPACE") ?? Directory.GetCurrentDirectory()),
            RunnerTemp = environment.Get("RUNNER_TEMP") ?? Path.GetTempPath(),
            OutputFile = environment.Get("GITHUB_OUTPUT"),
            SummaryFile = environment.Get("GITHUB_STEP_SUMMARY"),
            PathFile = environment.Get("GITHUB_PATH"),
            RunnerOs = environment.Get("RUNNER_OS") ?? HostOs(),
            RunnerArch = environment.Get("RUNNER_ARCH") ?? System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToUpperInvariant(),
        };
    }

    private static JsonDocument? ReadEvent(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ActionException(ActionCodes.MissingContext, $"the event file GITHUB_EVENT_PATH={path} cannot be read: {e.Message}");
        }
    }

    private static (string? Sha, bool FromFork) HeadOf(JsonDocument? payload)
    {
        if (payload is null || payload.RootElement.ValueKind != JsonValueKind.Object)
        {
            return (null, false);
        }

        var root = payload.RootElement;
        if (root.TryGetProperty("pull_request", out var pr) && pr.ValueKind == JsonValueKind.Object)
        {
            var sha = Text(pr, "head", "sha");
            var headRepo = Text(pr, "head", "repo", "full_name");
            var baseRepo = Text(pr, "base", "repo", "full_name");
            // A deleted fork leaves head.repo null: still not this repository.
            var fork = headRepo is null || !string.Equals(headRepo, baseRepo, StringComparison.OrdinalIgnoreCase);
            return (sha, fork);
        }

        // A workflow_run or merge_group event reports on the commit it ran for.
        return (Text(root, "workflow_run", "head_sha") ?? Text(root, "merge_group", "head_sha"), false);
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private static string HostOs() =>
        OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsMacOS() ? "macOS" : "Linux";
}
