using System.Diagnostics;

namespace Dagger.Runtime.BuildKit.Transport;

/// <summary>
/// A duplex stream over a child process's stdin and stdout, used to reach a buildkitd in a container through
/// <c>docker exec NAME buildctl dial-stdio</c>. Disposing it ends the process.
/// </summary>
internal sealed class ProcessStream : DuplexStream
{
    private readonly Process process;
    private readonly Stream input;
    private readonly Stream output;
    private readonly System.Text.StringBuilder errors = new();
    private readonly string description;

    private ProcessStream(Process process, string description)
    {
        this.process = process;
        this.description = description;
        input = process.StandardInput.BaseStream;
        output = process.StandardOutput.BaseStream;
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>; its stderr is discarded.</summary>
    internal static ProcessStream Start(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new EngineConnectionException($"cannot start {fileName}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new EngineConnectionException($"cannot start {fileName}: {e.Message}", e);
        }

        var stream = new ProcessStream(process, fileName + " " + string.Join(' ', start.ArgumentList));
        process.ErrorDataReceived += (_, e) => stream.OnError(e.Data);
        process.BeginErrorReadLine();
        return stream;
    }

    /// <inheritdoc />
    public override void Flush() => input.Flush();

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => input.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await output.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read == 0 && buffer.Length > 0)
        {
            // The process ended: when it failed, its own words are the useful error.
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                string message;
                lock (errors)
                {
                    message = errors.ToString().Trim();
                }

                throw new EngineConnectionException(
                    $"'{description}' exited with code {process.ExitCode}{(message.Length > 0 ? ": " + message : string.Empty)}");
            }
        }

        return read;
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count)
    {
        input.Write(buffer, offset, count);
        input.Flush();
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await input.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        await input.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (errors)
        {
            // Keep the end of what was said; that is where the reason is.
            if (errors.Length > 4096)
            {
                errors.Remove(0, errors.Length - 2048);
            }

            errors.AppendLine(line);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
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
                // The process ended on its own in the meantime.
            }

            process.Dispose();
        }

        base.Dispose(disposing);
    }
}
