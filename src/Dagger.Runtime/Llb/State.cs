using System.Net;
using System.Text.Json;

namespace Dagger.Runtime.Llb;

/// <summary>
/// An immutable point in an LLB graph: a filesystem (the output of an op, or scratch) together with the exec context
/// that ops built from it inherit: environment, working directory, user, hostname, platform, extra hosts, network and
/// security mode. Every method returns a new state; none changes this one.
/// </summary>
public sealed partial class State
{
    private State(Output? output, StateMetadata metadata)
    {
        Output = output;
        Metadata = metadata;
    }

    /// <summary>The empty filesystem.</summary>
    public static State Scratch { get; } = new(null, StateMetadata.Initial);

    internal Output? Output { get; }

    internal StateMetadata Metadata { get; }

    /// <summary>Whether this is the empty filesystem (no op behind it).</summary>
    public bool IsScratch => Output is null;

    /// <summary>The environment, in the order variables were first set.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env => Metadata.Env;

    /// <summary>The working directory for execs and the base of relative file-op paths; "/" initially.</summary>
    public string Dir => Metadata.Dir;

    /// <summary>The user execs run as; empty for the image default.</summary>
    public string User => Metadata.User;

    /// <summary>The hostname of execs; empty for BuildKit's default.</summary>
    public string Hostname => Metadata.Hostname;

    /// <summary>The platform execs and file ops built from this state run for; null for the marshal default.</summary>
    public Platform? Platform => Metadata.Platform;

    /// <summary>Extra /etc/hosts entries of execs.</summary>
    public IReadOnlyList<ExtraHost> ExtraHosts => Metadata.ExtraHosts;

    /// <summary>The network mode of execs.</summary>
    public NetworkMode Network => Metadata.Network;

    /// <summary>The security mode of execs.</summary>
    public SecurityMode Security => Metadata.Security;

    /// <summary>The value of environment variable <paramref name="key"/>, or null when it is not set.</summary>
    public string? GetEnv(string key)
    {
        int i = Metadata.EnvIndex(key);
        return i < 0 ? null : Metadata.Env[i].Value;
    }

    /// <summary>Sets <paramref name="key"/>; a variable set before moves to the end, as in BuildKit's client.</summary>
    public State WithEnv(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrEmpty(key) || key.Contains('=', StringComparison.Ordinal))
        {
            throw new LlbException($"invalid environment variable name \"{key}\": it must be non-empty and contain no '='");
        }

        return With(Metadata with { Env = WithoutKey(key).Add(new(key, value)) });
    }

    /// <summary>Unsets <paramref name="key"/>; nothing happens when it is not set.</summary>
    public State WithoutEnv(string key) => With(Metadata with { Env = WithoutKey(key) });

    /// <summary>
    /// Changes the working directory. A relative <paramref name="dir"/> is resolved against the current one and cleaned;
    /// an absolute one is kept as given.
    /// </summary>
    public State WithDir(string dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        string resolved = UnixPath.IsAbs(dir) ? dir : UnixPath.Join(Metadata.Dir.Length == 0 ? "/" : Metadata.Dir, dir);
        return With(Metadata with { Dir = resolved });
    }

    /// <summary>Sets the user execs run as (name, uid, or user:group).</summary>
    public State WithUser(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return With(Metadata with { User = user });
    }

    /// <summary>Sets the hostname of execs.</summary>
    public State WithHostname(string hostname)
    {
        ArgumentNullException.ThrowIfNull(hostname);
        return With(Metadata with { Hostname = hostname });
    }

    /// <summary>Sets the platform of execs and file ops built from this state.</summary>
    public State WithPlatform(Platform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return With(Metadata with { Platform = platform.Normalize() });
    }

    /// <summary>Adds an /etc/hosts entry for execs.</summary>
    public State WithExtraHost(string host, IPAddress address)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentNullException.ThrowIfNull(address);
        return With(Metadata with { ExtraHosts = Metadata.ExtraHosts.Add(new ExtraHost(host, address)) });
    }

    /// <summary>Sets the network mode of execs.</summary>
    public State WithNetwork(NetworkMode network) => With(Metadata with { Network = network });

    /// <summary>Sets the security mode of execs.</summary>
    public State WithSecurity(SecurityMode security) => With(Metadata with { Security = security });

    /// <summary>
    /// Applies the <c>Env</c> and <c>WorkingDir</c> of an OCI image configuration (the JSON BuildKit's ResolveImageConfig
    /// returns), as BuildKit's client does after resolving an image, and also its <c>User</c>, as <c>docker run</c> would.
    /// </summary>
    /// <exception cref="LlbException">The JSON is not an image configuration.</exception>
    public State WithImageConfig(ReadOnlySpan<byte> imageConfigJson)
    {
        State s = this;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(imageConfigJson.ToArray());
            if (!doc.RootElement.TryGetProperty("config", out JsonElement config) || config.ValueKind != JsonValueKind.Object)
            {
                return s;
            }

            if (config.TryGetProperty(nameof(Env), out JsonElement env) && env.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in env.EnumerateArray())
                {
                    string entry = item.GetString() ?? "";
                    int eq = entry.IndexOf('=', StringComparison.Ordinal);
                    string key = eq < 0 ? entry : entry[..eq];
                    if (key.Length > 0)
                    {
                        s = s.WithEnv(key, eq < 0 ? "" : entry[(eq + 1)..]);
                    }
                }
            }

            if (config.TryGetProperty("WorkingDir", out JsonElement dir) && dir.GetString() is { Length: > 0 } wd)
            {
                s = s.WithDir(wd);
            }

            if (config.TryGetProperty(nameof(User), out JsonElement user) && user.GetString() is { Length: > 0 } u)
            {
                s = s.WithUser(u);
            }

            return s;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new LlbException("invalid image configuration: " + e.Message, e);
        }
    }

    /// <summary>
    /// Runs a command on this state's filesystem with its exec context. The result's <see cref="ExecState.Root"/> is
    /// the root filesystem after the command.
    /// </summary>
    /// <exception cref="LlbException">The options are invalid (no args, relative or duplicate mount targets...).</exception>
    public ExecState Run(ExecOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exec = new ExecVertex(this, options);
        return new ExecState(this, exec);
    }

    /// <summary>Runs <paramref name="args"/> with no extra mounts; see <see cref="Run(ExecOptions)"/>.</summary>
    public ExecState Run(params string[] args) => Run(new ExecOptions { Args = args });

    /// <summary>Applies a chain of file actions to this state's filesystem as one file op.</summary>
    public State File(FileAction action, OpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var vertex = new FileVertex(this, action, options ?? OpOptions.Default);
        return WithOutput(new Output(vertex, 0, null));
    }

    /// <summary>
    /// Serializes the graph that produces this state into a BuildKit definition: every distinct op once, inputs before
    /// the ops that use them, and a final op whose only input is this state.
    /// </summary>
    /// <exception cref="LlbException">An op of the graph is invalid.</exception>
    public LlbDefinition Marshal(MarshalOptions? options = null)
    {
        if (Output is null)
        {
            return LlbDefinition.FromProto(new Pb.Definition());
        }

        var context = new MarshalContext(options ?? MarshalOptions.Default);
        return LlbDefinition.FromProto(context.Finish(Output)).WithTags(context.Tags);
    }

    internal static State FromOutput(Output output) => Scratch.WithOutput(output);

    /// <summary>The same exec context on a different filesystem; an output with a platform sets it.</summary>
    internal State WithOutput(Output? output)
    {
        StateMetadata metadata = output?.Platform is { } p ? Metadata with { Platform = p } : Metadata;
        return new State(output, metadata);
    }

    private State With(StateMetadata metadata) => new(Output, metadata);

    private System.Collections.Immutable.ImmutableList<KeyValuePair<string, string>> WithoutKey(string key)
    {
        int i = Metadata.EnvIndex(key);
        return i < 0 ? Metadata.Env : Metadata.Env.RemoveAt(i);
    }
}
