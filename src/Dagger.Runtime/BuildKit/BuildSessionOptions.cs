namespace Dagger.Runtime.BuildKit;

/// <summary>Options of a <see cref="BuildSession"/>.</summary>
public sealed record BuildSessionOptions
{
    /// <summary>
    /// Receives the build's progress, in order, from one thread at a time. It must return quickly and never throw;
    /// an exception it throws ends the progress stream, not the build.
    /// </summary>
    public Action<BuildEvent>? OnEvent { get; init; }

    /// <summary>
    /// The client session that serves local directories, secrets and registry credentials to this build, if any.
    /// </summary>
    public ClientSession? ClientSession { get; init; }

    /// <summary>How many file reads (ReadFile, ReadDir, StatFile) run at once; more wait their turn.</summary>
    public int MaxConcurrentReads { get; init; } = 8;

    /// <summary>Extra entitlements to request, such as <c>security.insecure</c>.</summary>
    public IReadOnlyList<string> Entitlements { get; init; } = [];

    /// <summary>The exporter that receives the session's result; set by <see cref="BuildKitClient.ExportAsync"/>.</summary>
    internal string? Exporter { get; init; }

    /// <summary>The exporter's attributes.</summary>
    internal IReadOnlyDictionary<string, string> ExporterAttributes { get; init; } = new Dictionary<string, string>();
}
