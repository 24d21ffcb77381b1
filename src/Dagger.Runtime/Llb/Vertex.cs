namespace Dagger.Runtime.Llb;

/// <summary>An op of the graph. Vertices are immutable; marshalling turns one into a <see cref="Pb.Op"/>.</summary>
internal abstract class Vertex(OpOptions options)
{
    public OpOptions Options { get; } = options;

    /// <summary>
    /// Builds the op and collects the capabilities it needs. Input edges come from
    /// <see cref="MarshalContext.InputOf"/>; the context has marshalled every <see cref="Inputs"/> vertex by then.
    /// </summary>
    public abstract Pb.Op Build(MarshalContext context, ISet<string> caps);

    /// <summary>The outputs this op reads; their vertices are marshalled before it, in this order.</summary>
    public abstract IEnumerable<Output> Inputs { get; }

    /// <summary>A one-line summary for error messages and graph labels.</summary>
    public abstract string Describe();

    /// <summary>How errors name this op: its custom name (the CUE path) when it has one, then its summary.</summary>
    protected string Label => Options.CustomName is { } name ? $"{name}: {Kind} \"{Describe()}\"" : $"{Kind} \"{Describe()}\"";

    /// <summary>"source", "exec" or "file".</summary>
    protected abstract string Kind { get; }
}
