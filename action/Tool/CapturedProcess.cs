using System.ComponentModel;
using System.Diagnostics;

namespace Dagger.Action.Tool;

/// <summary>A short command run to its end with its output captured (<c>dagger version</c>, <c>dotnet tool install</c>).</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Stdout">Its stdout.</param>
/// <param name="Stderr">Its stderr.</param>
internal sealed record CapturedProcess(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs <paramref name="file"/>; null when it cannot be started.</summary>
    public static async Task<CapturedProcess?> RunAsync(string file, IEnumerable<string> arguments, ActionEnvironment environment, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = ChildProcess.StartInfo(file, arguments, environment.Variables, workingDirectory);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return null;
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return new CapturedProcess(-1, await stdout, await stderr + $"\n(stopped after {timeout.TotalSeconds:0} s)");
        }

        return new CapturedProcess(process.ExitCode, await stdout, await stderr);
    }
}
