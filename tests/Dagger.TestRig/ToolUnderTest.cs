using System.Diagnostics;

namespace Dagger.TestRig;

/// <summary>
/// The dagger tool that tests start as a process: the published tool named by <c>$DAGGER_TOOL</c> (the words of its
/// command, as <c>scripts/test</c> sets it to what <c>scripts/dagger</c> runs: a native executable where the machine
/// can link one), else the build's <c>dagger.dll</c> next to the test assembly, run by <c>dotnet</c>.
/// </summary>
/// <param name="FileName">The program to start.</param>
/// <param name="Prefix">Its arguments before the tool's own.</param>
/// <param name="Kind"><c>native</c> or <c>r2r</c> for a published tool (<c>$DAGGER_TOOL_KIND</c>), <c>build</c> for
/// the build's.</param>
public sealed record ToolUnderTest(string FileName, IReadOnlyList<string> Prefix, string Kind)
{
    /// <summary>The variable that names the published tool's command.</summary>
    public const string Variable = "DAGGER_TOOL";

    /// <summary>The variable that says how the published tool was compiled.</summary>
    public const string KindVariable = "DAGGER_TOOL_KIND";

    /// <summary>The tool of this test run.</summary>
    public static ToolUnderTest Current { get; } = Resolve();

    /// <summary>Whether the tool is a published one rather than the build's.</summary>
    public bool IsPublished => Kind != "build";

    /// <summary>The command's words followed by <paramref name="args"/>, for a shell line or a process.</summary>
    public IReadOnlyList<string> Command(params IEnumerable<string> args) => [FileName, .. Prefix, .. args];

    /// <summary>A start for the tool with <paramref name="args"/>, its output redirected.</summary>
    public ProcessStartInfo StartInfo(params IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(FileName) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in Prefix.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Runs the tool to completion with <paramref name="args"/>.</summary>
    public Task<ProcessResult> RunAsync(
        IEnumerable<string> args,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        ProcessRunner.RunAsync(FileName, Prefix.Concat(args), workingDirectory, environment, timeout, cancellationToken);

    private static ToolUnderTest Resolve()
    {
        var words = (Environment.GetEnvironmentVariable(Variable) ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return new ToolUnderTest("dotnet", [Path.Combine(AppContext.BaseDirectory, "dagger.dll")], "build");
        }

        var kind = Environment.GetEnvironmentVariable(KindVariable);
        return new ToolUnderTest(words[0], words[1..], string.IsNullOrEmpty(kind) ? "published" : kind);
    }
}
