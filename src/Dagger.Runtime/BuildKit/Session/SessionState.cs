using System.Collections.Concurrent;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>What one client session serves: shared by its gRPC services, changeable while it runs.</summary>
internal sealed class SessionState(RegistryAuth auth)
{
    internal ConcurrentDictionary<string, LocalDirectory> Directories { get; } = new(StringComparer.Ordinal);

    internal ConcurrentDictionary<string, byte[]> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>Local unix sockets that SSH mounts forward to, by mount id.</summary>
    internal ConcurrentDictionary<string, string> Sockets { get; } = new(StringComparer.Ordinal);

    internal RegistryAuth Auth { get; } = auth;

    /// <summary>Where the local or tar exporter of the export in progress writes; null outside an export.</summary>
    internal ExportDestination? Export { get; set; }

    /// <summary>Bytes of file content sent by FileSync since the session started.</summary>
    internal long BytesSent;
}
