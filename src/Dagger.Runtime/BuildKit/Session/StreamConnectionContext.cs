using System.IO.Pipelines;
using System.Net;

using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>A Kestrel connection over a plain duplex stream.</summary>
internal sealed class StreamConnectionContext : ConnectionContext
{
    private readonly Stream stream;
    private readonly CancellationTokenSource closed = new();
    private int disposed;

    internal StreamConnectionContext(Stream stream, EndPoint endPoint)
    {
        this.stream = stream;
        LocalEndPoint = endPoint;
        RemoteEndPoint = endPoint;
        ConnectionClosed = closed.Token;
        Transport = new DuplexPipe(
            PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true)),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)));
    }

    /// <inheritdoc />
    public override string ConnectionId { get; set; } = Identifiers.New();

    /// <inheritdoc />
    public override IFeatureCollection Features { get; } = new FeatureCollection();

    /// <inheritdoc />
    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    /// <inheritdoc />
    public override IDuplexPipe Transport { get; set; }

    /// <inheritdoc />
    public override void Abort(ConnectionAbortedException abortReason) => Close();

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await Transport.Input.CompleteAsync().ConfigureAwait(false);
        await Transport.Output.CompleteAsync().ConfigureAwait(false);
        Close();
        await stream.DisposeAsync().ConfigureAwait(false);
        closed.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Close()
    {
        try
        {
            closed.Cancel();
            stream.Dispose();
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
