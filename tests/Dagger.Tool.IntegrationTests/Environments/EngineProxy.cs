using System.Net.Sockets;

namespace Dagger.Tool.IntegrationTests.Environments;

/// <summary>
/// A unix socket that forwards every connection to the engine's, byte for byte, until <see cref="Kill"/> drops them
/// all at once: to the tool, the engine went away in the middle of a run. The real engine, which other tests share,
/// stays up. With a delay, every chunk waits that long before it is passed on: an engine that answers slowly.
/// </summary>
internal sealed class EngineProxy : IDisposable
{
    private readonly Socket listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly string engineSocket;
    private readonly List<Socket> connections = [];
    private readonly Lock gate = new();
    private readonly string folder = Directory.CreateTempSubdirectory("dagger-proxy-").FullName;
    private readonly TimeSpan delay;
    private bool killed;

    public EngineProxy(Uri engine, TimeSpan delay = default)
    {
        this.delay = delay;
        engineSocket = engine.Scheme == "unix" ? engine.AbsolutePath : throw new AssertInconclusiveException($"the engine is not on a unix socket: {engine}");
        Path = System.IO.Path.Combine(folder, "engine.sock");
        listener.Bind(new UnixDomainSocketEndPoint(Path));
        listener.Listen(16);
        _ = AcceptAsync();
    }

    /// <summary>The proxy's socket.</summary>
    public string Path { get; }

    /// <summary>How many connections the tool opened through the proxy.</summary>
    public int Connections { get; private set; }

    /// <summary>Drops every connection, abortively, and accepts no more.</summary>
    public void Kill()
    {
        lock (gate)
        {
            if (killed)
            {
                return;
            }

            killed = true;
            listener.Close();
            foreach (var socket in connections)
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                catch (ObjectDisposedException)
                {
                    // Closed already by its pump, once the other side went away.
                }

                socket.Close();
            }
        }
    }

    public void Dispose()
    {
        Kill();
        Directory.Delete(folder, recursive: true);
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            var upstream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await upstream.ConnectAsync(new UnixDomainSocketEndPoint(engineSocket));
            lock (gate)
            {
                if (killed)
                {
                    client.Close();
                    upstream.Close();
                    return;
                }

                connections.Add(client);
                connections.Add(upstream);
                Connections++;
            }

            _ = PumpAsync(client, upstream, delay);
            _ = PumpAsync(upstream, client, delay);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, TimeSpan delay)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer)) > 0)
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay);
                }

                await to.SendAsync(buffer.AsMemory(0, read));
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Killed, or the other side went away: the pump on the other direction sees it too.
        }
    }
}
