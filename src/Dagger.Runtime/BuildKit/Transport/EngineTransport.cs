using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

using Grpc.Net.Client;

namespace Dagger.Runtime.BuildKit.Transport;

/// <summary>Turns an <see cref="EngineAddress"/> into byte streams and a gRPC channel.</summary>
internal sealed class EngineTransport
{
    private readonly EngineTlsOptions? tls;

    internal EngineTransport(EngineAddress address, EngineTlsOptions? tls)
    {
        Address = address;
        this.tls = tls;
        if (!address.Uri.StartsWith(DockerContainerScheme, StringComparison.Ordinal))
        {
            _ = SocketDialer.ParseEndPoint(address.Uri);
        }
    }

    private const string DockerContainerScheme = "docker-container://";

    internal EngineAddress Address { get; }

    /// <summary>Opens a raw connection: for a Docker Engine, to its API socket; otherwise to buildkitd's gRPC endpoint.</summary>
    internal async Task<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        var uri = Address.Uri;
        if (Address.Kind == EngineKind.BuildKit && uri.StartsWith(DockerContainerScheme, StringComparison.Ordinal))
        {
            var container = uri[DockerContainerScheme.Length..].TrimEnd('/');
            if (container.Length == 0)
            {
                throw new EngineConnectionException($"'{uri}' names no container");
            }

            return ProcessStream.Start("docker", ["exec", "-i", container, "buildctl", "dial-stdio"]);
        }

        var stream = await SocketDialer.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        if (!UsesTls)
        {
            return stream;
        }

        try
        {
            return await WrapTlsAsync(stream, uri, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a connection that speaks HTTP/2 gRPC right away (after the <c>/grpc</c> upgrade on a Docker Engine).</summary>
    internal async Task<Stream> ConnectGrpcAsync(CancellationToken cancellationToken)
    {
        var stream = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (Address.Kind != EngineKind.DockerEngine)
        {
            return stream;
        }

        try
        {
            await HttpUpgrade.UpgradeAsync(stream, "/grpc", [], cancellationToken).ConfigureAwait(false);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Whether connections are TLS (a <c>tcp://</c> buildkitd with TLS options).</summary>
    internal bool UsesTls => tls is not null && Address.Kind == EngineKind.BuildKit && Address.Uri.StartsWith("tcp://", StringComparison.Ordinal);

    /// <summary>A channel whose connections come from <see cref="ConnectGrpcAsync"/>.</summary>
    internal GrpcChannel CreateChannel()
    {
        var handler = new SocketsHttpHandler
        {
            // With TLS the handler negotiates it itself (so the request says https), on a plain socket from us.
            ConnectCallback = UsesTls
                ? async (_, cancellationToken) => await SocketDialer.ConnectAsync(Address.Uri, cancellationToken).ConfigureAwait(false)
                : async (_, cancellationToken) => await ConnectGrpcAsync(cancellationToken).ConfigureAwait(false),
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        };
        string target;
        if (UsesTls)
        {
            var (host, port) = SocketDialer.ParseHostPort(Address.Uri);
            handler.SslOptions = TlsOptions(host);
            target = $"https://{handler.SslOptions.TargetHost}:{port}";
        }
        else
        {
            target = Address.Kind == EngineKind.DockerEngine ? "http://docker" : "http://buildkitd";
        }

        return GrpcChannel.ForAddress(
            target,
            new GrpcChannelOptions
            {
                HttpHandler = handler,
                DisposeHttpClient = true,
                MaxReceiveMessageSize = null,
                MaxSendMessageSize = null,
            });
    }

    private async Task<Stream> WrapTlsAsync(Stream stream, string uri, CancellationToken cancellationToken)
    {
        var (host, _) = SocketDialer.ParseHostPort(uri);
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(TlsOptions(host), cancellationToken).ConfigureAwait(false);
        }
        catch (System.Security.Authentication.AuthenticationException e)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new EngineConnectionException($"TLS with {uri} failed: {e.Message}", e);
        }

        return ssl;
    }

    private SslClientAuthenticationOptions TlsOptions(string host)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = tls!.ServerName ?? host,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
        };
        if (tls.CertFile is not null)
        {
            if (tls.KeyFile is null)
            {
                throw new EngineConnectionException("a TLS client certificate needs its key file too");
            }

            options.ClientCertificates = [LoadClientCertificate(tls.CertFile, tls.KeyFile)];
        }

        if (tls.CaFile is not null)
        {
            var authority = X509CertificateLoader.LoadCertificateFromFile(tls.CaFile);
            options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is not null && ValidateWithAuthority(new X509Certificate2(certificate), authority, errors);
        }

        return options;
    }

    private static X509Certificate2 LoadClientCertificate(string certFile, string keyFile)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        // Exporting and re-importing gives the key a form SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static bool ValidateWithAuthority(X509Certificate2 certificate, X509Certificate2 authority, SslPolicyErrors errors)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
