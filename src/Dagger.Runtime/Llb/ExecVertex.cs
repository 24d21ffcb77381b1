namespace Dagger.Runtime.Llb;

/// <summary>An exec op: a command run over a root filesystem and mounts.</summary>
internal sealed class ExecVertex : Vertex
{
    private const string RootTarget = "/";

    private readonly StateMetadata _metadata;
    private readonly ExecOptions _exec;
    private readonly FsMount[] _mounts;
    private readonly SecretMount[] _secrets;
    private readonly SshMount[] _ssh;

    public ExecVertex(State state, ExecOptions exec)
        : base(exec.Op with { Platform = exec.Op.Platform?.Normalize() })
    {
        _metadata = state.Metadata;
        _exec = exec;
        if (exec.Args is null || exec.Args.Count == 0)
        {
            string prefix = Options.CustomName is { } name ? name + ": " : "";
            throw new LlbException(prefix + "exec: the command (args) must not be empty");
        }

        if (exec.Args.Any(a => a is null))
        {
            throw new LlbException($"{Label}: args must not contain null");
        }

        if (exec.Args[0].Length == 0)
        {
            throw new LlbException($"{Label}: the command name (first arg) must not be empty");
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal) { [RootTarget] = "the root filesystem" };
        var fsMounts = new List<FsMount> { new(RootTarget, state, null, exec.ReadOnlyRoot, false, null, CacheSharing.Shared, false) };
        var secrets = new List<SecretMount>();
        var ssh = new List<SshMount>();
        foreach (ExecMount given in exec.Mounts ?? [])
        {
            ExecMount mount = given;
            if (given is null)
            {
                throw new LlbException($"{Label}: a mount is null");
            }

            string target = mount.Target;
            if (mount is SshMount { Target.Length: 0 } defaultSsh)
            {
                target = $"/run/buildkit/ssh_agent.{ssh.Count}";
                mount = defaultSsh with { Target = target };
            }

            if (!UnixPath.IsAbs(target))
            {
                throw new LlbException($"{Label}: mount target \"{target}\" must be an absolute path");
            }

            string key = UnixPath.Clean(target);
            if (!seen.TryAdd(key, target))
            {
                throw new LlbException($"{Label}: two mounts at \"{target}\" (the other is {seen[key]})");
            }

            switch (mount)
            {
                case BindMount bind:
                    fsMounts.Add(new FsMount(target, bind.Source, bind.SourcePath, bind.ReadOnly, bind.NoOutput, null, CacheSharing.Shared, false));
                    break;
                case CacheMount cache:
                    if (string.IsNullOrEmpty(cache.Id))
                    {
                        throw new LlbException($"{Label}: cache mount at \"{target}\" needs a non-empty id");
                    }

                    fsMounts.Add(new FsMount(target, cache.Source ?? State.Scratch, null, false, false, cache.Id, cache.Sharing, false));
                    break;
                case TmpfsMount:
                    fsMounts.Add(new FsMount(target, State.Scratch, null, false, false, null, CacheSharing.Shared, true));
                    break;
                case SecretMount secret:
                    if (string.IsNullOrEmpty(secret.Id))
                    {
                        throw new LlbException($"{Label}: secret mount at \"{target}\" needs a non-empty id");
                    }

                    Check.FileMode(secret.Mode, $"{Label}: secret mount at \"{target}\"");
                    Check.Id(secret.Uid, $"{Label}: secret mount at \"{target}\": uid");
                    Check.Id(secret.Gid, $"{Label}: secret mount at \"{target}\": gid");
                    secrets.Add(secret);
                    break;
                case SshMount sshMount:
                    Check.FileMode(sshMount.Mode, $"{Label}: ssh mount at \"{target}\"");
                    Check.Id(sshMount.Uid, $"{Label}: ssh mount at \"{target}\": uid");
                    Check.Id(sshMount.Gid, $"{Label}: ssh mount at \"{target}\": gid");
                    ssh.Add(sshMount);
                    break;
                default:
                    throw new LlbException($"{Label}: unsupported mount type {mount.GetType().Name} at \"{target}\"");
            }
        }

        // BuildKit numbers outputs in target order, so sort before numbering.
        fsMounts.Sort((a, b) => Utf8Ordinal.Instance.Compare(a.Target, b.Target));
        int next = 0;
        _mounts = [.. fsMounts.Select(m => m.ProducesOutput ? m with { OutputIndex = next++ } : m)];
        _secrets = [.. secrets];
        _ssh = [.. ssh];
    }

    /// <summary>The state of the filesystem at <paramref name="target"/> after the exec.</summary>
    public State MountState(string target)
    {
        FsMount? mount = Array.Find(_mounts, m => string.Equals(m.Target, target, StringComparison.Ordinal));
        if (mount is null)
        {
            throw new LlbException($"{Label} has no mount at \"{target}\"");
        }

        if (mount.ReadOnly)
        {
            return mount.Source;
        }

        if (!mount.ProducesOutput)
        {
            string kind = mount.CacheId is not null ? "a cache mount" : mount.Tmpfs ? "a tmpfs mount" : "marked no-output";
            throw new LlbException($"{Label}: the mount at \"{target}\" is {kind} and has no output");
        }

        return mount.Source.WithOutput(new Output(this, mount.OutputIndex, Options.Platform));
    }

    public override Pb.Op Build(MarshalContext context, ISet<string> caps)
    {
        var env = _metadata.Env.ToList();
        if (_ssh.Length > 0 && !env.Exists(kv => kv.Key == "SSH_AUTH_SOCK"))
        {
            env.Add(new("SSH_AUTH_SOCK", _ssh[0].Target));
        }

        var meta = new Pb.Meta { Cwd = _metadata.Dir, User = _metadata.User, Hostname = _metadata.Hostname };
        meta.Args.Add(_exec.Args);
        meta.Env.Add(env.Select(kv => kv.Key + "=" + kv.Value));
        meta.ExtraHosts.Add(_metadata.ExtraHosts.Select(h => new Pb.HostIP { Host = h.Host, IP = h.AddressText }));
        if (_exec.Proxy is { } proxy)
        {
            meta.ProxyEnv = new Pb.ProxyEnv
            {
                HttpProxy = proxy.HttpProxy,
                HttpsProxy = proxy.HttpsProxy,
                FtpProxy = proxy.FtpProxy,
                NoProxy = proxy.NoProxy,
            };
            caps.Add(Caps.ExecMetaProxy);
        }

        var exec = new Pb.ExecOp
        {
            Meta = meta,
            Network = (Pb.NetMode)_metadata.Network,
            Security = (Pb.SecurityMode)_metadata.Security,
        };
        caps.Add(Caps.ExecMetaBase);
        if (_metadata.Network != NetworkMode.Sandbox)
        {
            caps.Add(Caps.ExecMetaNetwork);
        }

        if (_metadata.Security != SecurityMode.Sandbox)
        {
            caps.Add(Caps.ExecMetaSecurity);
        }

        var op = new Pb.Op { Exec = exec };
        context.Constrain(op, Options, _metadata.Platform, withPlatform: true);
        foreach (FsMount m in _mounts)
        {
            AddMountCaps(m, caps);
            long input = -1;
            if (m.Source.Output is { } source)
            {
                Pb.Input edge = context.InputOf(source);
                int existing = IndexOf(op.Inputs, edge);
                if (existing < 0)
                {
                    existing = op.Inputs.Count;
                    op.Inputs.Add(edge);
                }

                input = existing;
            }

            var pm = new Pb.Mount
            {
                Input = input,
                Dest = m.Target,
                Readonly = m.ReadOnly,
                Output = m.ProducesOutput ? m.OutputIndex : -1,
                Selector = m.Selector ?? "",
            };
            if (m.CacheId is not null)
            {
                pm.MountType = Pb.MountType.Cache;
                pm.CacheOpt = new Pb.CacheOpt { ID = m.CacheId, Sharing = (Pb.CacheSharingOpt)m.Sharing };
            }
            else if (m.Tmpfs)
            {
                pm.MountType = Pb.MountType.Tmpfs;
            }

            exec.Mounts.Add(pm);
        }

        foreach (SecretMount s in _secrets)
        {
            exec.Mounts.Add(new Pb.Mount
            {
                Dest = s.Target,
                MountType = Pb.MountType.Secret,
                SecretOpt = new Pb.SecretOpt { ID = s.Id, Uid = (uint)s.Uid, Gid = (uint)s.Gid, Mode = (uint)s.Mode, Optional = s.Optional },
            });
            caps.Add(Caps.ExecMountSecret);
        }

        foreach (SshMount s in _ssh)
        {
            exec.Mounts.Add(new Pb.Mount
            {
                Dest = s.Target,
                MountType = Pb.MountType.Ssh,
                SSHOpt = new Pb.SSHOpt { ID = s.Id, Uid = (uint)s.Uid, Gid = (uint)s.Gid, Mode = (uint)s.Mode, Optional = s.Optional },
            });
            caps.Add(Caps.ExecMountSsh);
        }

        return op;
    }

    protected override string Kind => "exec";

    public override IEnumerable<Output> Inputs =>
        _mounts.Select(m => m.Source.Output).OfType<Output>();

    public override string Describe()
    {
        string args = string.Join(' ', _exec.Args ?? []);
        return args.Length > 80 ? args[..77] + "..." : args;
    }

    private static void AddMountCaps(FsMount m, ISet<string> caps)
    {
        if (!string.IsNullOrEmpty(m.Selector))
        {
            caps.Add(Caps.ExecMountSelector);
        }

        if (m.CacheId is not null)
        {
            caps.Add(Caps.ExecMountCache);
            caps.Add(Caps.ExecMountCacheSharing);
        }
        else if (m.Tmpfs)
        {
            caps.Add(Caps.ExecMountTmpfs);
        }
        else if (m.Source.Output is not null)
        {
            caps.Add(Caps.ExecMountBind);
        }
    }

    private static int IndexOf(Google.Protobuf.Collections.RepeatedField<Pb.Input> inputs, Pb.Input edge)
    {
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Digest == edge.Digest && inputs[i].Index == edge.Index)
            {
                return i;
            }
        }

        return -1;
    }

    private sealed record FsMount(
        string Target,
        State Source,
        string? Selector,
        bool ReadOnly,
        bool NoOutput,
        string? CacheId,
        CacheSharing Sharing,
        bool Tmpfs)
    {
        public int OutputIndex { get; init; } = -1;

        public bool ProducesOutput => !(NoOutput || ReadOnly || Tmpfs || CacheId is not null);
    }
}
