using System.Net;
using System.Net.Sockets;
using System.Text;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.BuildKit.Session;
using Dagger.Runtime.BuildKit.Transport;

namespace Dagger.BuildKit.UnitTests;

[TestClass]
public sealed class DockerUpgradeTests
{
    [TestMethod]
    public void Session_headers_carry_one_line_per_method()
    {
        var headers = ClientSession.Headers("abc", new ClientSessionOptions { Name = "n", SharedKey = "k" });
        var request = Encoding.ASCII.GetString(HttpUpgrade.FormatRequest("/session", headers));
        var lines = request.Split("\r\n");
        Assert.AreEqual("POST /session HTTP/1.1", lines[0]);
        CollectionAssert.Contains(lines, "Upgrade: h2c");
        CollectionAssert.Contains(lines, "Connection: Upgrade");
        CollectionAssert.Contains(lines, "X-Docker-Expose-Session-Uuid: abc");
        CollectionAssert.Contains(lines, "X-Docker-Expose-Session-Name: n");
        CollectionAssert.Contains(lines, "X-Docker-Expose-Session-Sharedkey: k");
        CollectionAssert.AreEqual(
            SessionServer.Methods.Select(m => "X-Docker-Expose-Session-Grpc-Method: " + m).ToArray(),
            lines.Where(l => l.StartsWith("X-Docker-Expose-Session-Grpc-Method", StringComparison.Ordinal)).ToArray());
        StringAssert.EndsWith(request, "\r\n\r\n");
    }

    [TestMethod]
    public void Header_injection_is_refused()
    {
        Assert.ThrowsExactly<ArgumentException>(() => HttpUpgrade.FormatRequest("/session", [new("X-A", "v\r\nX-Evil: 1")]));
    }

    [TestMethod]
    public async Task The_101_is_read_exactly_and_following_frames_stay_in_the_stream()
    {
        var (client, server) = await PairAsync();
        await using (client)
        await using (server)
        {
            var upgrade = HttpUpgrade.UpgradeAsync(client, "/grpc", [], CancellationToken.None);
            var request = await ReadHeadAsync(server);
            StringAssert.StartsWith(request, "POST /grpc HTTP/1.1\r\n");
            // The 101 and the first HTTP/2 bytes arrive in one write.
            await server.WriteAsync("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\nFRAMES"u8.ToArray());
            await upgrade;
            var rest = new byte[6];
            await client.ReadExactlyAsync(rest);
            Assert.AreEqual("FRAMES", Encoding.ASCII.GetString(rest));
        }
    }

    [TestMethod]
    public async Task A_refused_upgrade_reports_the_status_and_the_engine_message()
    {
        var (client, server) = await PairAsync();
        await using (client)
        await using (server)
        {
            var upgrade = HttpUpgrade.UpgradeAsync(client, "/session", [], CancellationToken.None);
            await ReadHeadAsync(server);
            var body = "{\"message\":\"session not supported\"}";
            await server.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 404 Not Found\r\nContent-Length: {body.Length}\r\n\r\n{body}"));
            var error = await Assert.ThrowsExactlyAsync<EngineConnectionException>(() => upgrade);
            StringAssert.Contains(error.Message, "404 Not Found");
            StringAssert.Contains(error.Message, "session not supported");
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream)
    {
        var text = new StringBuilder();
        var one = new byte[1];
        while (!text.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            await stream.ReadExactlyAsync(one);
            text.Append((char)one[0]);
        }

        return text.ToString();
    }

    private static async Task<(Stream Client, Stream Server)> PairAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient();
        var accept = listener.AcceptTcpClientAsync();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var server = await accept;
        listener.Stop();
        return (client.GetStream(), server.GetStream());
    }
}
