using System.Net.Sockets;

namespace Dagger.Tool.UnitTests.Faults;

/// <summary>
/// A unix socket that accepts every connection and never answers, reads or closes it: an engine that is frozen,
/// or a proxy in front of one that is gone.
/// </summary>
internal sealed class BlackHoleEngine : IDisposable
{
    private readonly Socket listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly List<Socket> held = [];
    private readonly Lock gate = new();
    private readonly string folder = Directory.CreateTempSubdirectory("dgbh").FullName;

    public BlackHoleEngine()
    {
        Path = System.IO.Path.Combine(folder, "engine.sock");
        listener.Bind(new UnixDomainSocketEndPoint(Path));
        listener.Listen(64);
        _ = HoldAsync();
    }

    /// <summary>The socket's path.</summary>
    public string Path { get; }

    /// <summary>How many connections were accepted.</summary>
    public int Accepted
    {
        get
        {
            lock (gate)
            {
                return held.Count;
            }
        }
    }

    public void Dispose()
    {
        listener.Close();
        lock (gate)
        {
            foreach (var socket in held)
            {
                socket.Close();
            }
        }

        Directory.Delete(folder, recursive: true);
    }

    private async Task HoldAsync()
    {
        while (true)
        {
            try
            {
                var client = await listener.AcceptAsync();
                lock (gate)
                {
                    held.Add(client);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
