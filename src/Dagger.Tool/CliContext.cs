namespace Dagger.Tool;

/// <summary>What the CLI reads from its process: variables, the current folder and stdin (tests give their own).</summary>
/// <param name="Variable">Reads an environment variable.</param>
/// <param name="CurrentDirectory">The folder that relative paths and project discovery start from.</param>
/// <param name="Stdin">Standard input (<c>-f -</c>, the secret prompt).</param>
/// <param name="Interactive">Whether stdin is a terminal, so that a secret can be prompted for.</param>
internal sealed record CliContext(Func<string, string?> Variable, string CurrentDirectory, TextReader Stdin, bool Interactive)
{
    /// <summary>The process's own.</summary>
    public static CliContext Process() =>
        new(Environment.GetEnvironmentVariable, Environment.CurrentDirectory, Console.In, !Console.IsInputRedirected);
}
