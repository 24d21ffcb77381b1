namespace Dagger.Runtime.Llb;

/// <summary>Per-vertex settings shared by every kind of op: name, metadata and constraints.</summary>
public sealed record OpOptions
{
    /// <summary>No name, no extra metadata, default platform.</summary>
    public static OpOptions Default { get; } = new();

    /// <summary>
    /// The name BuildKit shows for the vertex (description key <c>llb.customname</c>); we put the CUE path of the op here.
    /// </summary>
    public string? CustomName { get; init; }

    /// <summary>Arbitrary description entries; <see cref="CustomName"/> wins over an <c>llb.customname</c> entry.</summary>
    public IReadOnlyDictionary<string, string> Description { get; init; } = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty;

    /// <summary>Run the op even if a cached result exists.</summary>
    public bool IgnoreCache { get; init; }

    /// <summary>Force (true) or prevent (false) exporting this vertex's result with the cache; null keeps the default.</summary>
    public bool? ExportCache { get; init; }

    /// <summary>The platform the op runs for; null inherits the state's platform, then the marshal default.</summary>
    public Platform? Platform { get; init; }

    /// <summary>
    /// Where the op comes from. Written to the definition's source map (not part of the digest); BuildKit returns these
    /// locations with the errors of the op.
    /// </summary>
    public IReadOnlyList<SourceLocation> SourceLocations { get; init; } = [];

    /// <summary>
    /// The application's own value for the vertex, such as where in its sources the op comes from. Never marshalled and
    /// not part of the digest; the marshalled definition maps each op's digest to it (<see cref="LlbDefinition.Tags"/>),
    /// so that what the engine reports of a vertex can be traced back to the op that made it.
    /// </summary>
    public object? Tag { get; init; }

    /// <summary>containerd-style filters a worker must match.</summary>
    public IReadOnlyList<string> WorkerConstraints { get; init; } = [];
}
