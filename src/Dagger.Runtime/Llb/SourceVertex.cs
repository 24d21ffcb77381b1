namespace Dagger.Runtime.Llb;

/// <summary>A source op: an image, a git checkout, an HTTP download or a local directory.</summary>
internal sealed class SourceVertex(
    string identifier,
    IReadOnlyDictionary<string, string> attrs,
    IReadOnlyCollection<string> requiredCaps,
    OpOptions options) : Vertex(options)
{
    public string Identifier { get; } = identifier;

    public override Pb.Op Build(MarshalContext context, ISet<string> caps)
    {
        var attributes = new SortedDictionary<string, string>(Utf8Ordinal.Instance);
        foreach ((string key, string value) in attrs)
        {
            attributes[key] = value;
        }

        foreach (string cap in requiredCaps)
        {
            caps.Add(cap);
        }

        if (Identifier.StartsWith("local://", StringComparison.Ordinal) && !attributes.ContainsKey(SourceAttrs.LocalSessionId))
        {
            // Without a session the engine could share the directory between clients; a unique id prevents that.
            attributes[SourceAttrs.LocalUniqueId] = context.LocalUniqueId;
            caps.Add(Caps.SourceLocalUnique);
        }

        var source = new Pb.SourceOp { Identifier = Identifier };
        foreach ((string key, string value) in attributes)
        {
            source.Attrs.Add(key, value);
        }

        var op = new Pb.Op { Source = source };

        // Only images are platform specific; other sources omit the platform so their digest is the same everywhere.
        context.Constrain(op, Options, null, Identifier.StartsWith("docker-image://", StringComparison.Ordinal));
        return op;
    }

    public override IEnumerable<Output> Inputs => [];

    protected override string Kind => "source";

    public override string Describe() => Identifier;
}
