using Google.Protobuf;

namespace Dagger.Runtime.Llb;

/// <summary>One marshalling pass: every vertex is serialized once, ops are deduplicated by digest.</summary>
internal sealed class MarshalContext(MarshalOptions options)
{
    private readonly Dictionary<Vertex, Digest> _marshalled = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Digest> _appended = [];
    private readonly List<(Digest Digest, ByteString Bytes)> _ops = [];
    private readonly Dictionary<Digest, MetadataAccumulator> _metadata = [];
    private readonly List<SourceFile> _sourceFiles = [];
    private readonly Dictionary<Digest, List<SourceLocation>> _locations = [];
    private readonly Dictionary<Digest, object> _tags = [];
    private string? _localUniqueId;

    public MarshalOptions Options { get; } = options;

    public string LocalUniqueId => _localUniqueId ??= Options.LocalUniqueId ?? Guid.NewGuid().ToString("N");

    /// <summary>The input edge for <paramref name="output"/>, marshalling its vertex first if needed.</summary>
    public Pb.Input InputOf(Output output) =>
        new() { Digest = Marshal(output.Vertex).Value, Index = output.Index };

    /// <summary>
    /// Marshals <paramref name="vertex"/> after all the vertices it depends on. The walk uses an explicit stack so
    /// that long chains of ops do not exhaust the call stack.
    /// </summary>
    public Digest Marshal(Vertex vertex)
    {
        if (_marshalled.TryGetValue(vertex, out Digest known))
        {
            return known;
        }

        var pending = new Stack<(Vertex Vertex, bool InputsDone)>();
        pending.Push((vertex, false));
        while (pending.Count > 0)
        {
            (Vertex current, bool inputsDone) = pending.Pop();
            if (_marshalled.ContainsKey(current))
            {
                continue;
            }

            if (!inputsDone)
            {
                pending.Push((current, true));
                foreach (Output input in current.Inputs.Reverse())
                {
                    if (!_marshalled.ContainsKey(input.Vertex))
                    {
                        pending.Push((input.Vertex, false));
                    }
                }

                continue;
            }

            if (current is DefinitionVertex spliced)
            {
                _marshalled[current] = Splice(spliced);
                continue;
            }

            var caps = new SortedSet<string>(Utf8Ordinal.Instance);
            Pb.Op op = current.Build(this, caps);
            Digest digest = Append(op);
            Merge(digest, current.Options, caps);
            _marshalled[current] = digest;
        }

        return _marshalled[vertex];
    }

    /// <summary>Sets the op's platform and worker constraints as BuildKit's client does for every non-terminal op.</summary>
    public void Constrain(Pb.Op op, OpOptions opOptions, Platform? statePlatform, bool withPlatform)
    {
        if (withPlatform)
        {
            Platform p = opOptions.Platform ?? statePlatform ?? Options.Platform;
            if (p.OS.Length == 0 || p.Architecture.Length == 0)
            {
                throw new LlbException($"invalid platform \"{p}\": the OS and the architecture must not be empty");
            }

            op.Platform = new Pb.Platform { OS = p.OS, Architecture = p.Architecture, Variant = p.Variant };
        }

        var constraints = new Pb.WorkerConstraints();
        constraints.Filter.Add(opOptions.WorkerConstraints);
        op.Constraints = constraints;
    }

    /// <summary>The tag of every op marshalled so far that has one; the first op to bring a tag for a digest wins.</summary>
    public IReadOnlyDictionary<Digest, object> Tags => _tags;

    /// <summary>Appends the terminal op pointing at <paramref name="result"/> and returns the finished definition.</summary>
    public Pb.Definition Finish(Output result)
    {
        var terminal = new Pb.Op();
        terminal.Inputs.Add(InputOf(result));
        Digest digest = Append(terminal);

        var caps = new SortedSet<string>(Utf8Ordinal.Instance) { Caps.Constraints, Caps.Platform };
        foreach (MetadataAccumulator m in _metadata.Values)
        {
            if (m.IgnoreCache)
            {
                caps.Add(Caps.MetaIgnoreCache);
            }

            if (m.Description.Count > 0)
            {
                caps.Add(Caps.MetaDescription);
            }

            if (m.ExportCache is not null)
            {
                caps.Add(Caps.MetaExportCache);
            }
        }

        Merge(digest, OpOptions.Default, caps);

        var definition = new Pb.Definition();
        definition.Def.AddRange(_ops.Select(o => o.Bytes));
        foreach (Digest key in _metadata.Keys.OrderBy(d => d.Value, Utf8Ordinal.Instance))
        {
            definition.Metadata.Add(key.Value, _metadata[key].ToProto());
        }

        if (_locations.Count > 0)
        {
            definition.Source = SourceMap();
        }

        return definition;
    }

    // Copies every op but the final pointer, byte for byte, with its metadata and tags (an op the spliced graph did
    // not tag takes the splice's own tag); returns the digest of the result op.
    private Digest Splice(DefinitionVertex spliced)
    {
        foreach (LlbOp op in spliced.Definition.Ops.Take(spliced.Definition.Ops.Count - 1))
        {
            if (_appended.Add(op.Digest))
            {
                _ops.Add((op.Digest, op.Bytes));
            }

            if ((spliced.Definition.Tags.GetValueOrDefault(op.Digest) ?? spliced.Options.Tag) is { } tag)
            {
                _tags.TryAdd(op.Digest, tag);
            }

            if (op.Metadata is { } metadata)
            {
                if (!_metadata.TryGetValue(op.Digest, out MetadataAccumulator? m))
                {
                    m = new MetadataAccumulator();
                    _metadata[op.Digest] = m;
                }

                m.IgnoreCache |= metadata.IgnoreCache;
                foreach ((string key, string value) in metadata.Description)
                {
                    m.Description[key] = value;
                }

                if (metadata.ExportCache is { } export)
                {
                    m.ExportCache = export.Value;
                }

                m.Caps.UnionWith(metadata.Caps.Where(c => c.Value).Select(c => c.Key));
            }
        }

        return spliced.Result;
    }

    private Digest Append(Pb.Op op)
    {
        ByteString bytes = op.ToByteString();
        Digest digest = Digest.FromBytes(bytes.Span);
        if (_appended.Add(digest))
        {
            _ops.Add((digest, bytes));
        }

        return digest;
    }

    private void Merge(Digest digest, OpOptions opOptions, IEnumerable<string> caps)
    {
        if (!_metadata.TryGetValue(digest, out MetadataAccumulator? m))
        {
            m = new MetadataAccumulator();
            _metadata[digest] = m;
        }

        m.IgnoreCache |= opOptions.IgnoreCache;
        foreach ((string key, string value) in opOptions.Description)
        {
            m.Description[key] = value;
        }

        if (opOptions.CustomName is not null)
        {
            m.Description["llb.customname"] = opOptions.CustomName;
        }

        if (opOptions.ExportCache is bool export)
        {
            m.ExportCache = export;
        }

        m.Caps.UnionWith(caps);
        if (opOptions.Tag is { } tag)
        {
            _tags.TryAdd(digest, tag);
        }

        if (opOptions.SourceLocations.Count > 0)
        {
            if (!_locations.TryGetValue(digest, out List<SourceLocation>? list))
            {
                list = [];
                _locations[digest] = list;
            }

            list.AddRange(opOptions.SourceLocations.Where(l => !list.Contains(l)));
        }
    }

    private Pb.Source SourceMap()
    {
        var source = new Pb.Source();
        foreach (Digest key in _locations.Keys.OrderBy(d => d.Value, Utf8Ordinal.Instance))
        {
            var locations = new Pb.Locations();
            foreach (SourceLocation l in _locations[key])
            {
                int index = _sourceFiles.FindIndex(f => ReferenceEquals(f, l.File) || f.Filename == l.File.Filename);
                if (index < 0)
                {
                    index = _sourceFiles.Count;
                    _sourceFiles.Add(l.File);
                }

                var location = new Pb.Location { SourceIndex = index };
                location.Ranges.Add(new Pb.Range
                {
                    Start = new Pb.Position { Line = l.Line, Character = l.Column },
                    End = new Pb.Position
                    {
                        Line = l.EndLine == 0 ? l.Line : l.EndLine,
                        Character = l.EndColumn == 0 ? l.Column : l.EndColumn,
                    },
                });
                locations.Locations_.Add(location);
            }

            source.Locations.Add(key.Value, locations);
        }

        source.Infos.Add(_sourceFiles.Select(f => new Pb.SourceInfo { Filename = f.Filename, Data = Google.Protobuf.ByteString.CopyFrom(f.Data.Span) }));
        return source;
    }

    private sealed class MetadataAccumulator
    {
        public bool IgnoreCache { get; set; }

        public SortedDictionary<string, string> Description { get; } = new(Utf8Ordinal.Instance);

        public bool? ExportCache { get; set; }

        public SortedSet<string> Caps { get; } = new(Utf8Ordinal.Instance);

        public Pb.OpMetadata ToProto()
        {
            // Insertion order is serialization order for Google.Protobuf maps, so the sorted collections make the bytes
            // deterministic.
            var proto = new Pb.OpMetadata { IgnoreCache = IgnoreCache };
            foreach ((string key, string value) in Description)
            {
                proto.Description.Add(key, value);
            }

            if (ExportCache is bool export)
            {
                proto.ExportCache = new Pb.ExportCache { Value = export };
            }

            foreach (string cap in Caps)
            {
                proto.Caps.Add(cap, true);
            }

            return proto;
        }
    }
}
