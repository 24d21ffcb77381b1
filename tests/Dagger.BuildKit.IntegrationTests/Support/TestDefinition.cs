using System.Security.Cryptography;

using Dagger.Runtime.Llb.Pb;

using Google.Protobuf;

namespace Dagger.BuildKit.IntegrationTests.Support;

/// <summary>Builds LLB definitions op by op, for wire tests that must not depend on the LLB model.</summary>
internal sealed class TestDefinition
{
    internal const string BusyboxImage = "docker-image://docker.io/" + Dagger.TestRig.TestImages.Busybox;

    private readonly List<ByteString> ops = [];
    private readonly Dictionary<string, OpMetadata> metadata = new(StringComparer.Ordinal);

    /// <summary>Adds an op and returns an input that points at its output <paramref name="output"/>.</summary>
    internal Input Add(Op op, string? customName = null, long output = 0, bool ignoreCache = false)
    {
        var bytes = op.ToByteString();
        var digest = Digest(bytes);
        if (!ops.Contains(bytes))
        {
            ops.Add(bytes);
        }

        if (customName is not null || ignoreCache)
        {
            var meta = new OpMetadata { IgnoreCache = ignoreCache };
            if (customName is not null)
            {
                meta.Description.Add("llb.customname", customName);
            }

            metadata[digest] = meta;
        }

        return new Input { Digest = digest, Index = output };
    }

    internal static string Digest(ByteString bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes.Span));

    internal Input Image(string identifier = BusyboxImage) =>
        Add(new Op { Source = new SourceOp { Identifier = identifier } });

    internal Input Source(string identifier, IReadOnlyDictionary<string, string>? attrs = null, string? customName = null)
    {
        var source = new SourceOp { Identifier = identifier };
        foreach (var (k, v) in (attrs ?? new Dictionary<string, string>()).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            source.Attrs.Add(k, v);
        }

        return Add(new Op { Source = source }, customName);
    }

    /// <summary>An exec on <paramref name="root"/> running <c>sh -c script</c>; returns its root output.</summary>
    internal Input Shell(Input root, string script, string? customName = null, Dagger.Runtime.Llb.NetworkMode network = Dagger.Runtime.Llb.NetworkMode.Host, Action<ExecOp>? configure = null, bool ignoreCache = false, Input[]? extraInputs = null)
    {
        var exec = new ExecOp
        {
            Meta = new Meta { Cwd = "/" },
            Network = (NetMode)network,
        };
        exec.Meta.Args.Add(["/bin/sh", "-c", script]);
        exec.Meta.Env.Add("PATH=/bin");
        exec.Mounts.Add(new Mount { Input = 0, Dest = "/", Output = 0 });
        configure?.Invoke(exec);
        var op = new Op { Exec = exec };
        op.Inputs.Add(root);
        op.Inputs.Add(extraInputs ?? []);
        return Add(op, customName, ignoreCache: ignoreCache);
    }

    internal Definition Build(Input result)
    {
        var definition = new Definition();
        definition.Def.Add(ops);
        var last = new Op();
        last.Inputs.Add(result);
        definition.Def.Add(last.ToByteString());
        foreach (var (digest, meta) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            definition.Metadata.Add(digest, meta);
        }

        return definition;
    }
}
