namespace Dagger.Runtime.Llb;

/// <summary>
/// A graph marshalled elsewhere (by a frontend, say), spliced in verbatim: its ops keep their bytes and digests, so
/// the engine deduplicates them with the same ops of the build it came from.
/// </summary>
internal sealed class DefinitionVertex : Vertex
{
    public DefinitionVertex(LlbDefinition definition, OpOptions options)
        : base(options)
    {
        if (definition.Result is not { } result || definition.Ops.Count < 2)
        {
            throw new LlbException("cannot splice an empty definition: it has no result");
        }

        Definition = definition;
        Result = result;
        ResultIndex = (int)definition.Ops[^1].Op.Inputs[0].Index;
    }

    public LlbDefinition Definition { get; }

    /// <summary>The op whose output is the result.</summary>
    public Digest Result { get; }

    /// <summary>Which output of <see cref="Result"/> is the result.</summary>
    public int ResultIndex { get; }

    public override IEnumerable<Output> Inputs => [];

    protected override string Kind => "definition";

    // The context copies the ops instead (MarshalContext.Splice): there is no single op to build.
    public override Pb.Op Build(MarshalContext context, ISet<string> caps) =>
        throw new InvalidOperationException("a spliced definition is copied op by op, not built");

    public override string Describe() => $"{Definition.Ops.Count - 1} ops ending at {Result}";
}
