using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.BuildKit.Protocol.Control;
using Dagger.Runtime.BuildKit.Protocol.Types;
using Dagger.Runtime.BuildKit.Transport;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace Dagger.BuildKit.UnitTests;

[TestClass]
public sealed class TransportTests
{
    [TestMethod]
    public async Task A_process_stream_carries_bytes_both_ways()
    {
        await using var stream = ProcessStream.Start("cat", []);
        await stream.WriteAsync("through stdin and stdout"u8.ToArray());
        var back = new byte[24];
        await stream.ReadExactlyAsync(back);
        Assert.AreEqual("through stdin and stdout", System.Text.Encoding.ASCII.GetString(back));
    }

    [TestMethod]
    public async Task A_failing_process_reports_its_exit_code_and_stderr()
    {
        await using var stream = ProcessStream.Start("sh", ["-c", "echo 'Error: No such container: buildkitd' >&2; exit 3"]);
        var error = await Assert.ThrowsExactlyAsync<EngineConnectionException>(async () => await stream.ReadExactlyAsync(new byte[16]));
        StringAssert.Contains(error.Message, "exited with code 3: Error: No such container: buildkitd");
    }

    [TestMethod]
    public void A_missing_program_is_a_connection_error()
    {
        var error = Assert.ThrowsExactly<EngineConnectionException>(() => ProcessStream.Start("dagger-no-such-program", []));
        StringAssert.Contains(error.Message, "dagger-no-such-program");
    }

    [TestMethod]
    public void Addresses_are_validated_before_connecting()
    {
        Assert.IsInstanceOfType<System.Net.Sockets.UnixDomainSocketEndPoint>(SocketDialer.ParseEndPoint("unix:///run/buildkit/buildkitd.sock"));
        Assert.AreEqual(new IPEndPoint(IPAddress.Parse("10.0.0.1"), 1234), SocketDialer.ParseEndPoint("tcp://10.0.0.1:1234"));
        Assert.AreEqual(("::1", 1234), SocketDialer.ParseHostPort("tcp://[::1]:1234"));
        StringAssert.Contains(Assert.ThrowsExactly<EngineConnectionException>(() => SocketDialer.ParseEndPoint("tcp://host")).Message, "host and a port");
        StringAssert.Contains(Assert.ThrowsExactly<EngineConnectionException>(() => SocketDialer.ParseEndPoint("ssh://x")).Message, "unsupported engine address");
    }

    [TestMethod]
    public async Task Tls_with_a_private_authority_and_a_client_certificate_reaches_the_daemon()
    {
        var dir = Directory.CreateTempSubdirectory("dagger-tls-").FullName;
        try
        {
            using var ca = CreateAuthority();
            using var serverCert = Issue(ca, "buildkitd", server: true);
            using var clientCert = Issue(ca, "client", server: false);
            var caFile = Path.Combine(dir, "ca.pem");
            File.WriteAllText(caFile, ca.ExportCertificatePem());
            var certFile = Path.Combine(dir, "cert.pem");
            var keyFile = Path.Combine(dir, "key.pem");
            File.WriteAllText(certFile, clientCert.ExportCertificatePem());
            File.WriteAllText(keyFile, clientCert.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());

            var sawClientCertificate = false;
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l =>
            {
                l.Protocols = HttpProtocols.Http2;
                l.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = X509CertificateLoader.LoadPkcs12(serverCert.Export(X509ContentType.Pkcs12), null),
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = (certificate, _, _) => certificate.Subject == "CN=client",
                });
            }));
            builder.Services.AddRouting();
            await using var app = builder.Build();
            app.UseRouting();
            app.MapPost("/moby.buildkit.v1.Control/ListWorkers", async context =>
            {
                sawClientCertificate = context.Connection.ClientCertificate is not null;
                var response = new ListWorkersResponse();
                response.Record.Add(new WorkerRecord { ID = "fake", Platforms = { new Dagger.Runtime.Llb.Pb.Platform { OS = "linux", Architecture = "arm64" } } });
                var message = response.ToByteArray();
                var framed = new byte[5 + message.Length];
                BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
                message.CopyTo(framed, 5);
                context.Response.ContentType = "application/grpc";
                context.Response.AppendTrailer("grpc-status", "0");
                await context.Response.Body.WriteAsync(framed);
            });
            await app.StartAsync();
            var port = new Uri(app.Urls.First()).Port;
            var address = new EngineAddress(EngineKind.BuildKit, $"tcp://127.0.0.1:{port}", "test");

            await using var client = await BuildKitClient.ConnectAsync(address, new BuildKitClientOptions { Tls = new EngineTlsOptions(caFile, certFile, keyFile, "buildkitd") });
            var workers = await client.ListWorkersAsync();
            Assert.AreEqual("fake", workers.Single().Id);
            CollectionAssert.AreEqual(new[] { "linux/arm64" }, workers.Single().Platforms.ToArray());
            Assert.IsTrue(sawClientCertificate);

            // A certificate for another name is refused.
            var wrongName = await Assert.ThrowsExactlyAsync<EngineConnectionException>(() =>
                BuildKitClient.ConnectAsync(address, new BuildKitClientOptions { Tls = new EngineTlsOptions(caFile, certFile, keyFile, "elsewhere") }));
            StringAssert.Contains(wrongName.Message, "TLS");
            await app.StopAsync();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static X509Certificate2 CreateAuthority()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=dagger test CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(2));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string name, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(name);
            request.CertificateExtensions.Add(names.Build());
        }

        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }
}
