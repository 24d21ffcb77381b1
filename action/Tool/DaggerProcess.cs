using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Dagger.Action.Errors;

namespace Dagger.Action.Tool;

/// <summary>
/// Runs the tool: its stderr (the event stream) is handed over a line at a time as it comes, its stdout (the
/// command's result) is kept. When the run is cancelled, the tool gets SIGINT, as from Ctrl-C, so that it cancels
/// the engine's solve and ends its stream with <c>run.completed</c>; after a grace period it is killed.
/// </summary>
internal static partial class DaggerProcess
{
    /// <summary>The most of stdout kept, in characters.</summary>
    public const int StdoutLimit = 1024 * 1024;

    private const int SigInt = 2;

    /// <summary>Runs the invocation to its end.</summary>
    /// <param name="invocation">What to run.</param>
    /// <param name="onStderrLine">Called for each line of stderr, on one thread at a time, in order.</param>
    /// <param name="grace">How long the tool may take to stop once interrupted.</param>
    /// <param name="cancellationToken">Cancels the run: the tool is interrupted, and the call still waits for its end.</param>
    public static async Task<DaggerExit> RunAsync(DaggerInvocation invocation, Action<string> onStderrLine, TimeSpan grace, CancellationToken cancellationToken)
    {
        var start = ChildProcess.StartInfo(invocation.Executable, invocation.Arguments, invocation.Environment, invocation.WorkingDirectory);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ActionException(ActionCodes.ToolNotStarted, $"{invocation.Executable} could not be started: {e.Message}");
        }

        process.StandardInput.Close();
        var stdout = ReadStdoutAsync(process.StandardOutput);
        var stderr = ReadLinesAsync(process.StandardError, onStderrLine);
        var interrupted = false;
        using (cancellationToken.Register(() =>
        {
            interrupted = true;
            Interrupt(process, grace);
        }))
        {
            // The readers end when the tool (and anything that inherited its pipes) closes them.
            await process.WaitForExitAsync(CancellationToken.None);
            await stderr;
            var (text, complete) = await stdout;
            return new DaggerExit(process.ExitCode, text, complete, interrupted);
        }
    }

    private static void Interrupt(Process process, TimeSpan grace)
    {
        try
        {
            if (process.HasExited)
            {
                return;
            }

            if (OperatingSystem.IsWindows() || Kill(process.Id, SigInt) != 0)
            {
                process.Kill(entireProcessTree: true);
                return;
            }

            _ = Task.Delay(grace).ContinueWith(
                _ =>
                {
                    try
                    {
                        if (!process.HasExited)
                        {
                            process.Kill(entireProcessTree: true);
                        }
                    }
                    catch (InvalidOperationException)
                    {
                        // It ended, and the process object was disposed, in between.
                    }
                },
                TaskScheduler.Default);
        }
        catch (InvalidOperationException)
        {
            // It ended in between.
        }
    }

    private static async Task ReadLinesAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            onLine(line);
        }
    }

    private static async Task<(string Text, bool Complete)> ReadStdoutAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        var complete = true;
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            var room = StdoutLimit - text.Length;
            if (read > room)
            {
                complete = false;
            }

            text.Append(buffer, 0, Math.Min(read, Math.Max(room, 0)));
        }

        return (text.ToString(), complete);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
