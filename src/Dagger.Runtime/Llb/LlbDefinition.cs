using Google.Protobuf;

namespace Dagger.Runtime.Llb;

/// <summary>
/// A marshalled LLB graph, ready to be solved: the ops in dependency order (inputs first) ending with an op whose
/// single input is the result, and metadata keyed by op digest.
/// </summary>
/// <remarks>
/// Guarantees: each op is serialized once with fields in field-number order, map entries sorted by the UTF-8 bytes of
/// their keys and proto3 defaults omitted, which is how BuildKit's Go client (gogoproto with stable marshalling)
/// serializes them; op paths, image references, git remotes and attribute values are computed with the same rules as
/// that client. Equal graphs therefore give equal bytes and digests in every run, whatever the construction order,
/// and the digests of the ops we produce match those of the Go client for the same graph and platform (asserted by golden
/// tests computed with that client). One encoding difference remains: inside map entries Google.Protobuf omits a default
/// (empty) value where gogoproto writes it. No op we produce has an empty source attribute, so op bytes are unaffected;
/// only metadata with empty description values can differ. The order of the entries and the metadata (which is not part
/// of any digest) may also differ from the Go client's.
/// </remarks>
public sealed class LlbDefinition
{
    private readonly Pb.Definition _proto;

    private LlbDefinition(Pb.Definition proto, IReadOnlyList<LlbOp> ops, Digest? result)
    {
        _proto = proto;
        Ops = ops;
        Result = result;
    }

    /// <summary>The entries in definition order; the last is the result pointer (none for scratch).</summary>
    public IReadOnlyList<LlbOp> Ops { get; }

    /// <summary>The digest of the op producing the result, or null for an empty (scratch) definition.</summary>
    public Digest? Result { get; }

    /// <summary>
    /// The application's tag of each op that had one (<see cref="OpOptions.Tag"/>), by the op's digest. Empty for a
    /// definition read from elsewhere.
    /// </summary>
    public IReadOnlyDictionary<Digest, object> Tags { get; private init; } = System.Collections.Immutable.ImmutableDictionary<Digest, object>.Empty;

    /// <summary>The same definition, carrying <paramref name="tags"/>.</summary>
    internal LlbDefinition WithTags(IReadOnlyDictionary<Digest, object> tags) =>
        tags.Count == 0 ? this : new LlbDefinition(_proto, Ops, Result) { Tags = tags.ToDictionary() };

    /// <summary>Reads a definition, e.g. one received from a frontend, decoding every op.</summary>
    /// <exception cref="LlbException">An entry is not a valid op.</exception>
    public static LlbDefinition FromProto(Pb.Definition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var ops = new List<LlbOp>(definition.Def.Count);
        foreach (ByteString bytes in definition.Def)
        {
            Digest digest = Digest.FromBytes(bytes.Span);
            Pb.Op op;
            try
            {
                op = Pb.Op.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new LlbException($"definition entry {ops.Count} ({digest}) is not a valid op: {e.Message}", e);
            }

            definition.Metadata.TryGetValue(digest.Value, out Pb.OpMetadata? metadata);
            ops.Add(new LlbOp(digest, bytes, op, metadata?.Clone()));
        }

        Digest? result = null;
        if (ops.Count > 0 && ops[^1].Op.OpCase == Pb.Op.OpOneofCase.None && ops[^1].Op.Inputs.Count == 1)
        {
            result = new Digest(ops[^1].Op.Inputs[0].Digest);
        }

        return new LlbDefinition(definition.Clone(), ops, result);
    }

    /// <summary>The source locations recorded for the op <paramref name="digest"/>, as file:line:column ranges.</summary>
    public IReadOnlyList<string> LocationsOf(Digest digest)
    {
        if (_proto.Source is not { } source || !source.Locations.TryGetValue(digest.Value, out Pb.Locations? locations))
        {
            return [];
        }

        return [.. locations.Locations_.SelectMany(l => l.Ranges.Select(r => Format(source, l.SourceIndex, r)))];
    }

    private static string Format(Pb.Source source, int index, Pb.Range range)
    {
        string file = index >= 0 && index < source.Infos.Count ? source.Infos[index].Filename : $"#{index}";
        string start = $"{file}:{range.Start?.Line}:{range.Start?.Character}";
        return range.End is { } end && (end.Line != range.Start?.Line || end.Character != range.Start?.Character)
            ? $"{start}-{end.Line}:{end.Character}"
            : start;
    }

    /// <summary>A copy of the protobuf definition, to send to BuildKit.</summary>
    public Pb.Definition ToProto() => _proto.Clone();

    /// <summary>The entry with digest <paramref name="digest"/>.</summary>
    /// <exception cref="KeyNotFoundException">No entry has that digest.</exception>
    public LlbOp this[Digest digest] =>
        Ops.FirstOrDefault(o => o.Digest == digest) ?? throw new KeyNotFoundException($"no op {digest} in the definition");

    /// <summary>
    /// A readable, stable JSON dump: the result and every op with its digest, inputs, fields, metadata and source
    /// locations. Fields carry their proto names and are omitted at their default; modes are octal strings; bytes are
    /// text when printable UTF-8 and "base64:…" otherwise.
    /// </summary>
    public string ToJson() => LlbDump.Json(this);

    /// <summary>A Graphviz DOT graph: one node per op (named by its custom name or a summary), edges from inputs.</summary>
    public string ToDot() => LlbDump.Dot(this);
}
