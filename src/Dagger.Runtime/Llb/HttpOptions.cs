namespace Dagger.Runtime.Llb;

/// <summary>Options of an HTTP(S) source.</summary>
public sealed record HttpOptions
{
    /// <summary>The expected digest of the content (e.g. <c>sha256:…</c>); the download fails when it differs.</summary>
    public string? Checksum { get; init; }

    /// <summary>The name of the downloaded file in the result; BuildKit derives one from the URL when null.</summary>
    public string? Filename { get; init; }

    /// <summary>Permission bits of the file (only 0777 bits are kept); 0 keeps BuildKit's default.</summary>
    public int Permissions { get; init; }

    /// <summary>Owner uid of the file; 0 writes no attribute.</summary>
    public int Uid { get; init; }

    /// <summary>Owner gid of the file; 0 writes no attribute.</summary>
    public int Gid { get; init; }

    /// <summary>Name and metadata of the op.</summary>
    public OpOptions Op { get; init; } = OpOptions.Default;
}
