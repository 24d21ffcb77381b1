using System.Net;

namespace Dagger.Runtime.Llb;

/// <summary>An /etc/hosts entry added to execs.</summary>
/// <param name="Host">The host name.</param>
/// <param name="Address">The address it resolves to.</param>
public sealed record ExtraHost(string Host, IPAddress Address)
{
    /// <summary>The address as Go's <c>net.IP.String()</c> prints it (IPv4-mapped IPv6 addresses in dotted form).</summary>
    internal string AddressText => (Address.IsIPv4MappedToIPv6 ? Address.MapToIPv4() : Address).ToString();
}
