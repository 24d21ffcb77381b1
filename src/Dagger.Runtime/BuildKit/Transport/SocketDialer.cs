using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Dagger.Runtime.BuildKit.Transport;

/// <summary>Opens raw byte streams to <c>unix://</c> and <c>tcp://</c> addresses.</summary>
internal static class SocketDialer
{
    /// <summary>Connects to <paramref name="address"/> and returns the connected stream, which owns the socket.</summary>
    internal static async Task<Stream> ConnectAsync(string address, CancellationToken cancellationToken)
    {
        var endPoint = ParseEndPoint(address);
        if (endPoint is UnixDomainSocketEndPoint && !File.Exists(address["unix://".Length..]))
        {
            throw new EngineConnectionException($"cannot connect to {address}: no such socket");
        }

        var socket = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new EngineConnectionException($"cannot connect to {address}: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Parses <c>unix:///path</c>, <c>unix://relative</c> and <c>tcp://host:port</c>.</summary>
    internal static EndPoint ParseEndPoint(string address)
    {
        if (address.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = address["unix://".Length..];
            if (path.Length == 0)
            {
                throw new EngineConnectionException($"'{address}' names no socket path");
            }

            return new UnixDomainSocketEndPoint(path);
        }

        if (address.StartsWith("tcp://", StringComparison.Ordinal))
        {
            var (host, port) = ParseHostPort(address);
            return IPAddress.TryParse(host, out var ip) ? new IPEndPoint(ip, port) : new DnsEndPoint(host, port);
        }

        throw new EngineConnectionException(
            $"unsupported engine address '{address}': expected unix://PATH, tcp://HOST:PORT or docker-container://NAME");
    }

    /// <summary>Splits <c>tcp://host:port</c>, accepting bracketed IPv6 hosts.</summary>
    internal static (string Host, int Port) ParseHostPort(string address)
    {
        var rest = address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is <= 0 or > 65535)
        {
            throw new EngineConnectionException($"'{address}' needs a host and a port, as in tcp://127.0.0.1:1234");
        }

        return (rest[..colon].Trim('[', ']'), port);
    }
}
