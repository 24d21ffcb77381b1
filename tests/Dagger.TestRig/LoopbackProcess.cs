using System.Diagnostics;

namespace Dagger.TestRig;

/// <summary>A service process listening on a loopback port chosen at run time; killed on dispose.</summary>
public sealed class LoopbackProcess : IAsyncDisposable
{
    private readonly Process process;

    private LoopbackProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>
    /// Starts <paramref name="file"/> with the arguments <paramref name="arguments"/> gives for a free port, after
    /// <paramref name="prepare"/> (for example a config file naming the port), and waits until it listens. A port
    /// taken between the choice and the start is retried with another.
    /// </summary>
    public static async Task<LoopbackProcess> StartAsync(
        string file,
        Func<int, IEnumerable<string>> arguments,
        Func<int, Task>? prepare,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            if (prepare is not null)
            {
                await prepare(port);
            }

            var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in arguments(port))
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            process.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
            process.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await FreePort.WaitUntilListeningAsync(port, () => !process.HasExited, Path.GetFileName(file), cancellationToken);
                return new LoopbackProcess(process, port);
            }
            catch (InvalidOperationException e) when (attempt < 3)
            {
                process.Dispose();
                if (attempt == 2)
                {
                    throw new InvalidOperationException($"{e.Message}: {string.Join('\n', log)}", e);
                }
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
