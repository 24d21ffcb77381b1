namespace Dagger.Action.UnitTests.Fakes;

/// <summary>What a run of the action's program left behind.</summary>
/// <param name="ExitCode">The program's exit code (the step fails when it is not 0).</param>
/// <param name="Log">What it printed: the step's log.</param>
/// <param name="Outputs">The step outputs it wrote to GITHUB_OUTPUT.</param>
/// <param name="Summary">What it wrote to GITHUB_STEP_SUMMARY.</param>
/// <param name="Requests">The requests the fake GitHub API received.</param>
internal sealed record ActionResult(int ExitCode, string Log, IReadOnlyDictionary<string, string> Outputs, string Summary, IReadOnlyList<RecordedRequest> Requests)
{
    /// <summary>The log's lines.</summary>
    public IReadOnlyList<string> LogLines => Log.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>The workflow commands that the runner would process: lines outside every stop-commands block.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            var commands = new List<string>();
            string? token = null;
            foreach (var line in LogLines)
            {
                if (token is not null)
                {
                    // The runner resumes on the token's command anywhere it parses one.
                    if (line.TrimStart() == $"::{token}::" || line.Contains($"##[{token}]", StringComparison.OrdinalIgnoreCase))
                    {
                        token = null;
                    }

                    continue;
                }

                if (line.StartsWith("::stop-commands::", StringComparison.Ordinal))
                {
                    token = line["::stop-commands::".Length..];
                    continue;
                }

                if (line.TrimStart().StartsWith("::", StringComparison.Ordinal) || line.Contains("##[", StringComparison.Ordinal))
                {
                    commands.Add(line);
                }
            }

            return commands;
        }
    }
}
