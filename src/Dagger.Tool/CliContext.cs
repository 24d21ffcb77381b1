namespace Dagger.Tool;

/// <summary>What the CLI reads from its process: variables, the current folder and stdin (tests give their own).</summary>
/// <param name="Variable">Reads an environment variable.</param>
/// <param name="CurrentDirectory">The folder that relative paths and project discovery start from.</param>
/// <param name="Stdin">Standard input (<c>-f -</c>, the secret prompt).</param>
/// <param name="Interactive">Whether stdin is a terminal, so that a secret can be prompted for.</param>
internal sealed record CliContext(Func<string, string?> Variable, string CurrentDirectory, TextReader Stdin, bool Interactive)
{
    /// <summary>
    /// The terminal that the stderr given to the CLI writes to, or null when it is not one. Only the process sets it
    /// (<c>Program</c>): a CLI run in-process writes to a writer of its own, whatever the console is.
    /// </summary>
    public Rendering.Terminal? ErrorTerminal { get; init; }

    /// <summary>
    /// How long after an interrupt the process may take to end as cancelled before it exits with 130 anyway: work
    /// that cannot observe cancellation (a CUE evaluation that does not end) must not outlive a Ctrl-C or a
    /// <c>timeout</c>. Only the process sets it; null leaves the run to end by itself.
    /// </summary>
    public TimeSpan? InterruptGrace { get; init; }

    /// <summary>The process's own.</summary>
    public static CliContext Process() =>
        new(Environment.GetEnvironmentVariable, Environment.CurrentDirectory, Console.In, !Console.IsInputRedirected);
}
