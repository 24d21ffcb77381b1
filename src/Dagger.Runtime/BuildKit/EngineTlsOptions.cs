namespace Dagger.Runtime.BuildKit;

/// <summary>TLS settings for a <c>tcp://</c> buildkitd, in the style of buildctl's <c>--tls*</c> flags.</summary>
/// <param name="CaFile">PEM file of the certificate authority that signed the daemon's certificate; the system store when null.</param>
/// <param name="CertFile">PEM client certificate, for daemons that require one.</param>
/// <param name="KeyFile">PEM private key of <paramref name="CertFile"/>.</param>
/// <param name="ServerName">The name to verify in the daemon's certificate; the address's host when null.</param>
public sealed record EngineTlsOptions(string? CaFile, string? CertFile = null, string? KeyFile = null, string? ServerName = null);
