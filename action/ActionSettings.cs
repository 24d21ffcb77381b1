namespace Dagger.Action;

/// <summary>
/// The action's timings and sources of randomness: fixed for a workflow run, and set otherwise by tests, which
/// cannot wait minutes or guess random tokens.
/// </summary>
internal sealed record ActionSettings
{
    /// <summary>The settings of a workflow run.</summary>
    public static ActionSettings Default { get; } = new();

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The least time between two updates of a check run (the creation counts as one).</summary>
    public TimeSpan LiveInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait for a rate limit before a request is given up (and the report falls back).</summary>
    public TimeSpan RetryMaxWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the tool may take to stop once interrupted, before it is killed.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How long reporting may go on after a cancel (the runner sends SIGTERM 7.5 s after SIGINT).</summary>
    public TimeSpan ReportGrace { get; init; } = TimeSpan.FromSeconds(7);

    /// <summary>The first pause before <c>dotnet tool install</c> is tried again; it doubles each time.</summary>
    public TimeSpan InstallPause { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Makes the tokens of <c>::stop-commands::</c>, or null for random ones.</summary>
    public Func<string>? StopTokens { get; init; }

    /// <summary>Makes the delimiters of <c>$GITHUB_OUTPUT</c>, or null for random ones.</summary>
    public Func<string>? OutputDelimiters { get; init; }
}
