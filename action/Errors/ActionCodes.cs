namespace Dagger.Action.Errors;

/// <summary>
/// The Action's own failure kinds, listed in <c>docs/errors.md</c>: DAG71xx is the GitHub Action, as DAG5xxx is
/// the tool's command line. The tool's own codes (DAG1xxx to DAG4xxx) pass through unchanged.
/// </summary>
internal static class ActionCodes
{
    /// <summary>An input of the action has a value it cannot use (a word it does not know, a bad boolean, a conflict).</summary>
    public const string InvalidInput = "DAG7101";

    /// <summary>The runner's environment lacks what reporting needs (GITHUB_REPOSITORY, the event file, a commit).</summary>
    public const string MissingContext = "DAG7102";

    /// <summary><c>dotnet tool install</c> of the requested dagger failed, after retries where the feed was busy.</summary>
    public const string InstallFailed = "DAG7103";

    /// <summary>The dagger command could not be started: it is not on PATH, or the working folder does not exist.</summary>
    public const string ToolNotStarted = "DAG7104";

    /// <summary>A step output holds the heredoc delimiter of <c>$GITHUB_OUTPUT</c>, so it was refused.</summary>
    public const string OutputRefused = "DAG7105";

    /// <summary>A report to GitHub (check run, commit status, annotations) could not be written; it fell back.</summary>
    public const string ReportFallback = "DAG7106";

    /// <summary>The tool wrote an event stream of a schema version this action does not know.</summary>
    public const string UnknownSchema = "DAG7107";

    /// <summary>The tool ended without <c>run.completed</c>: it crashed or was killed.</summary>
    public const string RunIncomplete = "DAG7108";

    /// <summary>The action failed in a way it did not expect (a bug: please report it).</summary>
    public const string Internal = "DAG7199";
}
