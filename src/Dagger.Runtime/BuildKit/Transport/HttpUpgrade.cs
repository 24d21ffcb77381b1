using System.Globalization;
using System.Text;

namespace Dagger.Runtime.BuildKit.Transport;

/// <summary>
/// The HTTP/1.1 <c>Upgrade: h2c</c> handshake Docker Engine uses for its <c>/grpc</c> and <c>/session</c> endpoints.
/// </summary>
internal static class HttpUpgrade
{
    private const int MaxResponseHeaderBytes = 64 * 1024;

    /// <summary>Builds the request bytes: one header line per value, in order, so repeated keys stay repeated.</summary>
    internal static byte[] FormatRequest(string path, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\n");
        text.Append("Host: docker\r\n");
        text.Append("Connection: Upgrade\r\n");
        text.Append("Upgrade: h2c\r\n");
        foreach (var (key, value) in headers)
        {
            if (key.AsSpan().IndexOfAny("\r\n:") >= 0 || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"invalid upgrade header '{key}'", nameof(headers));
            }

            text.Append(CultureInfo.InvariantCulture, $"{key}: {value}\r\n");
        }

        text.Append("\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// Sends the upgrade request on <paramref name="stream"/> and reads the answer up to its blank line, one byte at a
    /// time: HTTP/2 frames may follow in the same read, and they belong to the caller.
    /// </summary>
    /// <exception cref="EngineConnectionException">The engine answered anything but 101.</exception>
    internal static async Task UpgradeAsync(
        Stream stream,
        string path,
        IEnumerable<KeyValuePair<string, string>> headers,
        CancellationToken cancellationToken)
    {
        await stream.WriteAsync(FormatRequest(path, headers), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        var head = await ReadHeadAsync(stream, cancellationToken).ConfigureAwait(false);
        var statusLine = head.Split("\r\n", 2)[0];
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new EngineConnectionException($"the engine did not answer the {path} upgrade with HTTP: '{statusLine}'");
        }

        if (parts[1] != "101")
        {
            throw new EngineConnectionException(
                $"the engine refused the {path} upgrade: {statusLine}{DescribeBody(head)}");
        }
    }

    private static string DescribeBody(string head)
    {
        var body = head.Split("\r\n\r\n", 2);
        return body.Length == 2 && body[1].Length > 0 ? " (" + body[1].Trim() + ")" : string.Empty;
    }

    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>(256);
        var one = new byte[1];
        while (true)
        {
            var read = await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EngineConnectionException("the engine closed the connection during the HTTP upgrade");
            }

            bytes.Add(one[0]);
            var n = bytes.Count;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n')
            {
                var head = Encoding.ASCII.GetString(bytes.ToArray());
                // A refusal usually carries a short body (Docker's JSON error); read it when its length is known.
                return head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal) || head.StartsWith("HTTP/1.0 101", StringComparison.Ordinal)
                    ? head
                    : head + await ReadBodyAsync(stream, head, cancellationToken).ConfigureAwait(false);
            }

            if (n > MaxResponseHeaderBytes)
            {
                throw new EngineConnectionException("the engine's answer to the HTTP upgrade is too long");
            }
        }
    }

    private static async Task<string> ReadBodyAsync(Stream stream, string head, CancellationToken cancellationToken)
    {
        foreach (var line in head.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(line[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                && length is > 0 and < 8192)
            {
                var body = new byte[length];
                await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
                return Encoding.UTF8.GetString(body);
            }
        }

        return string.Empty;
    }
}
