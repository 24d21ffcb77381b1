using System.Net;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>
/// Compiles a pipeline's ops to one LLB graph. Pipelines it uses through <c>load</c>, <c>copy</c> and mounts are
/// spliced in as LLB, never run separately and never pushed through a registry; values that CUE needs become
/// <see cref="ExportPoint"/>s to be read after a solve. Compiling acts on nothing: a push, a save or a login is
/// returned as an <see cref="ImageEffect"/> for the run to perform when the task runs.
/// </summary>
public sealed class PipelineCompiler
{
    /// <summary>Files BuildKit never copies from a local directory.</summary>
    public const string DaggerStateExclude = "**/.dagger/";

    private readonly CompileOptions options;
    private readonly IImageResolver images;
    private readonly Action<string> registerLocal;
    private readonly IImageServices? imageServices;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, OpSource> sources = new(StringComparer.Ordinal);

    // The result of each side effect performed in this run, by the path of its op.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> performed = new(StringComparer.Ordinal);

    /// <summary>Creates a compiler.</summary>
    /// <param name="options">Settings for every pipeline.</param>
    /// <param name="images">Resolves the images of <c>fetch-container</c>.</param>
    /// <param name="registerLocal">Told each local directory a pipeline uses, so the session can serve it.</param>
    /// <param name="imageServices">
    /// Runs <c>docker-build</c>, <c>push-container</c>, <c>save-image</c> and <c>docker-login</c>; without it (a dry
    /// run) a pipeline holding one of them is <see cref="CompileResult.Deferred"/>.
    /// </param>
    public PipelineCompiler(CompileOptions options, IImageResolver images, Action<string>? registerLocal = null, IImageServices? imageServices = null)
    {
        this.imageServices = imageServices;
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.images = images ?? throw new ArgumentNullException(nameof(images));
        this.registerLocal = registerLocal ?? (_ => { });
    }

    /// <summary>Compiles <paramref name="ops"/>, the pipeline of the value at <paramref name="path"/>.</summary>
    /// <param name="path">The CUE path of the value that holds the pipeline.</param>
    /// <param name="ops">The pipeline's ops, in order, all concrete.</param>
    /// <param name="resolve">Compiles a referenced pipeline; null when that pipeline is not ready yet.</param>
    /// <param name="cancellationToken">Cancels image resolution.</param>
    /// <exception cref="OpException">An op is invalid, or its image cannot be resolved.</exception>
    public async Task<CompileResult> CompileAsync(
        string path,
        IReadOnlyList<PipelineOp> ops,
        Func<PipelineReference, CancellationToken, ValueTask<CompiledPipeline?>> resolve,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ops);
        ArgumentNullException.ThrowIfNull(resolve);
        var state = State.Scratch;
        ReadOnlyMemory<byte>? config = null;
        var exports = new List<ExportPoint>();
        var steps = new List<PipelineStep>(ops.Count);

        // docker-build runs the Dockerfile frontend on the engine, which a dry run does not have.
        if (imageServices is null && ops.FirstOrDefault(op => op is DockerBuildOp) is { } frontend)
        {
            return CompileResult.DeferredBy(Message.Format(Messages.ActsOnTheEngine, frontend.Source.Path, frontend.Kind));
        }

        // A pipeline acts on the world only when it can run to its end: everything it uses must be ready first, so
        // that a task that ends up waiting or skipped has pushed nothing.
        if (ops.Any(IsEffect))
        {
            foreach (var reference in ops.SelectMany(ReferencesOf))
            {
                if (await resolve(reference, cancellationToken).ConfigureAwait(false) is null)
                {
                    return CompileResult.Waiting(reference);
                }
            }
        }

        foreach (var op in ops)
        {
            sources[op.Source.Path] = op.Source;
            switch (op)
            {
                case FetchContainerOp fetch:
                    (state, config) = await FetchContainerAsync(fetch, cancellationToken).ConfigureAwait(false);
                    break;
                case FetchGitOp git:
                    state = FetchGit(git);
                    break;
                case FetchHttpOp http:
                    state = FetchHttp(http);
                    break;
                case LocalOp local:
                    state = Local(state, local);
                    break;
                case LoadOp load:
                    {
                        var from = await resolve(load.From, cancellationToken).ConfigureAwait(false);
                        if (from is null)
                        {
                            return CompileResult.Waiting(load.From);
                        }

                        (state, config) = (from.State, from.ImageConfig);
                        break;
                    }

                case CopyOp copy:
                    {
                        var from = await resolve(copy.From, cancellationToken).ConfigureAwait(false);
                        if (from is null)
                        {
                            return CompileResult.Waiting(copy.From);
                        }

                        state = Copy(state, copy, from.State);
                        break;
                    }

                case SubdirOp subdir:
                    state = Guard(subdir, () => State.Scratch.File(
                        FileAction.Copy(state, subdir.Dir, "/", new CopyOptions { CopyDirContentsOnly = true }),
                        Named(subdir, $"subdir {subdir.Dir}")));
                    break;
                case WorkdirOp workdir:
                    state = Guard(workdir, () => state.WithDir(workdir.Path));
                    break;
                case WriteFileOp write:
                    state = Guard(write, () => state.File(
                        FileAction.Mkfile(write.Dest, write.Mode, write.Content.Span),
                        Named(write, $"write-file {write.Dest}")));
                    break;
                case MkdirOp mkdir:
                    state = Guard(mkdir, () => state.File(
                        FileAction.Mkdir(UnixPath.Join(mkdir.Dir, mkdir.Path), mkdir.Mode, new MkdirOptions { MakeParents = true }),
                        Named(mkdir, $"mkdir {mkdir.Path}")));
                    break;
                case ExecOp exec:
                    {
                        var result = await ExecAsync(state, exec, resolve, cancellationToken).ConfigureAwait(false);
                        if (result.WaitingFor is not null)
                        {
                            return CompileResult.Waiting(result.WaitingFor);
                        }

                        state = result.State!;
                        break;
                    }

                case ExportOp export:
                    exports.Add(new ExportPoint(export, state));
                    break;
                case DockerBuildOp build:
                    {
                        var context = build.Context is null ? null : await resolve(build.Context, cancellationToken).ConfigureAwait(false);
                        if (build.Context is not null && context is null)
                        {
                            return CompileResult.Waiting(build.Context);
                        }

                        (state, config) = await DockerBuildAsync(build, context?.State ?? (state.IsScratch ? null : state), cancellationToken).ConfigureAwait(false);
                        break;
                    }

                case PushContainerOp push:
                    {
                        var reference = PushReference(push);
                        if (!performed.TryGetValue(push.Source.Path, out var pushed))
                        {
                            return CompileResult.Needs(new ImageEffect(push, state, config));
                        }

                        state = AfterPush(push, reference, state, (PushedImage)pushed);
                        break;
                    }

                case SaveImageOp save:
                    {
                        if (!UnixPath.IsAbs(save.Dest))
                        {
                            throw new OpException(save.Source, Message.Format(Messages.DestMustBeAbsolute, save.Dest));
                        }

                        if (!performed.TryGetValue(save.Source.Path, out var saved))
                        {
                            return CompileResult.Needs(new ImageEffect(save, state, config));
                        }

                        state = AfterSave(save, state, (SavedImage)saved);
                        break;
                    }

                case DockerLoginOp login:
                    if (!performed.ContainsKey(login.Source.Path))
                    {
                        return CompileResult.Needs(new ImageEffect(login, state, config));
                    }

                    break;
                default:
                    throw new OpException(op.Source, Message.Format(Messages.OpNotSupported, op.Kind));
            }

            steps.Add(new PipelineStep(op, state));
        }

        return CompileResult.Ready(new CompiledPipeline(path, state, config, exports, steps));
    }

    /// <summary>
    /// Performs <paramref name="effect"/> on the engine, once per op and run: compiling the pipeline again then goes
    /// past the op, with its result.
    /// </summary>
    /// <exception cref="OpException">The push, save or login failed.</exception>
    /// <exception cref="InvalidOperationException">This compiler has no engine (a dry run).</exception>
    public async Task PerformAsync(ImageEffect effect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(effect);
        if (imageServices is null)
        {
            throw new InvalidOperationException(effect.Reason);
        }

        if (performed.ContainsKey(effect.Op.Source.Path))
        {
            return;
        }

        object result = effect.Op switch
        {
            PushContainerOp push => await PushAsync(push, effect, cancellationToken).ConfigureAwait(false),
            SaveImageOp save => await ImageOpAsync(save, ErrorCodes.PushFailed, "save " + save.Tag, s => s.SaveAsync(effect.State, effect.Config, save.Tag, cancellationToken)).ConfigureAwait(false),
            DockerLoginOp login => await ImageOpAsync(login, ErrorCodes.PushFailed, "log in to " + login.Target, async s =>
            {
                await s.LoginAsync(login.Target, login.Username, login.SecretId, login.Password, cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false),
            _ => throw new ArgumentException($"{effect.Op.Kind} is not a side effect", nameof(effect)),
        };
        performed[effect.Op.Source.Path] = result;
    }

    private static bool IsEffect(PipelineOp op) => op is PushContainerOp or SaveImageOp or DockerLoginOp;

    private static IEnumerable<PipelineReference> ReferencesOf(PipelineOp op) => op switch
    {
        LoadOp load => [load.From],
        CopyOp copy => [copy.From],
        DockerBuildOp { Context: { } context } => [context],
        ExecOp exec => exec.Mounts.OfType<FromMountSpec>().Select(m => m.From),
        _ => [],
    };

    private async Task<(State State, ReadOnlyMemory<byte>? Config)> DockerBuildAsync(DockerBuildOp build, State? context, CancellationToken cancellationToken)
    {
        State dockerfile;
        string filename;
        if (build.Dockerfile is { } inline)
        {
            dockerfile = State.Scratch.File(
                FileAction.Mkfile("/Dockerfile", 0x1A4, System.Text.Encoding.UTF8.GetBytes(inline)),
                Named(build, "dockerfile"));
            filename = "Dockerfile";
        }
        else
        {
            dockerfile = context ?? throw new OpException(build.Source, Messages.DockerBuildNeedsContext);
            filename = build.DockerfilePath ?? "Dockerfile";
        }

        var frontendOptions = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["filename"] = filename };
        if (build.Target is { } target)
        {
            frontendOptions["target"] = target;
        }

        foreach (var (key, value) in build.BuildArgs)
        {
            frontendOptions["build-arg:" + key] = value;
        }

        foreach (var (key, value) in build.Labels)
        {
            frontendOptions["label:" + key] = value;
        }

        if (build.Hosts.Count > 0)
        {
            foreach (var (host, ip) in build.Hosts)
            {
                if (!IPAddress.TryParse(ip, out _))
                {
                    throw new OpException(build.Source, Message.Format(Messages.HostNotAnIpAddress, host, ip));
                }
            }

            frontendOptions["add-hosts"] = string.Join(',', build.Hosts.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={h.Value}"));
        }

        if (build.Platforms.Count > 1)
        {
            // Several platforms give one image per platform: a pipeline's state is one filesystem.
            throw new OpException(build.Source, Message.Format(Messages.DockerBuildSeveralPlatforms, string.Join(", ", build.Platforms)));
        }

        var platform = build.Platforms.Count == 1 ? Guard(build, () => Platform.Parse(build.Platforms[0]).Normalize()) : options.Platform;
        if (platform is not null)
        {
            frontendOptions["platform"] = platform.ToString();
        }

        if (options.NoCache)
        {
            frontendOptions["no-cache"] = string.Empty;
        }

        // RUN steps get the network of execs: an engine without a bridge has no sandbox network.
        if (options.ExecNetwork != NetworkMode.Sandbox)
        {
            frontendOptions["force-network-mode"] = options.ExecNetwork == NetworkMode.Host ? "host" : "none";
        }

        var request = new DockerfileBuild(context ?? dockerfile, dockerfile, frontendOptions, build.Origin);
        var built = await ImageOpAsync(build, ErrorCodes.BuildFailed, "docker-build", s => s.BuildAsync(request, cancellationToken)).ConfigureAwait(false);
        var state = built.ConfigJson is { } config ? Guard(build, () => built.State.WithImageConfig(config.Span)) : built.State;
        return (state, built.ConfigJson);
    }

    private static string PushReference(PushContainerOp push)
    {
        var reference = Guard(push, () => ImageReference.Normalize(push.Ref));
        return reference.Contains('@', StringComparison.Ordinal)
            ? throw new OpException(push.Source, Message.Format(Messages.PushToDigest, push.Ref))
            : reference;
    }

    private Task<PushedImage> PushAsync(PushContainerOp push, ImageEffect effect, CancellationToken cancellationToken)
    {
        var reference = PushReference(push);
        return ImageOpAsync(push, ErrorCodes.PushFailed, "push " + reference, s => s.PushAsync(effect.State, effect.Config, reference, cancellationToken));
    }

    private State AfterPush(PushContainerOp push, string reference, State state, PushedImage pushed)
    {
        var imageRef = $"{pushed.Reference}@{pushed.Digest}";
        return Guard(push, () => state.File(
            FileAction.Mkdir("/dagger", 0x1ED, new MkdirOptions { MakeParents = true })
                .ThenMkfile("/dagger/image_digest", 0x1A4, System.Text.Encoding.UTF8.GetBytes(pushed.Digest))
                .ThenMkfile("/dagger/image_ref", 0x1A4, System.Text.Encoding.UTF8.GetBytes(imageRef)),
            Named(push, $"push-container {reference}")));
    }

    private State AfterSave(SaveImageOp save, State state, SavedImage saved) =>
        Guard(save, () => state.File(
            FileAction.Copy(saved.Archive, saved.Path, save.Dest, new CopyOptions { CreateDestPath = true })
                .ThenMkdir("/dagger", 0x1ED, new MkdirOptions { MakeParents = true })
                .ThenMkfile("/dagger/image_id", 0x1A4, System.Text.Encoding.UTF8.GetBytes(saved.ImageId)),
            Named(save, $"save-image {save.Tag} {save.Dest}")));

    private async Task<T> ImageOpAsync<T>(PipelineOp op, ErrorCode code, string what, Func<IImageServices, Task<T>> run)
    {
        try
        {
            // CompileAsync defers docker-build, and PerformAsync refuses, when there are no services.
            return await run(imageServices!).ConfigureAwait(false);
        }
        catch (ImageServiceException e)
        {
            throw new OpException(op.Source, e.ExitCode is not null ? ErrorCodes.ExecFailed : code, $"{what}: {e.Message}", e);
        }
    }

    /// <summary>The op compiled at <paramref name="path"/>, with its position, when this compiler saw it.</summary>
    public OpSource? SourceOf(string path) => sources.TryGetValue(path, out var source) ? source : null;

    private async Task<(State State, ReadOnlyMemory<byte>? Config)> FetchContainerAsync(FetchContainerOp fetch, CancellationToken cancellationToken)
    {
        var reference = Guard(fetch, () => ImageReference.Normalize(fetch.Ref));
        ResolvedImage resolved;
        try
        {
            resolved = await images.ResolveAsync(reference, options.Platform, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageResolveException e)
        {
            throw new OpException(fetch.Source, ErrorCodes.ImageNotFound, Message.Format(Messages.CannotFetchImage, fetch.Ref, e.Message), e);
        }

        // An image is pinned by digest, so --no-cache reuses it as `docker build --no-cache` does; ignoring the cache on a
        // source that concurrent solves share also trips BuildKit's scheduler (moby/buildkit#2303).
        var state = Guard(fetch, () => State.Image(reference, new ImageOptions { Op = Named(fetch, $"fetch-container {reference}") with { IgnoreCache = false } }));
        state = Guard(fetch, () => state.WithImageConfig(resolved.ConfigJson.Span));
        return (state, resolved.ConfigJson);
    }

    private State FetchGit(FetchGitOp git) => Guard(git, () => State.Git(
        git.Remote,
        git.Ref,
        new GitOptions
        {
            KeepGitDir = git.KeepGitDir,
            AuthTokenSecret = git.AuthTokenSecret ?? string.Empty,
            AuthHeaderSecret = git.AuthHeaderSecret ?? string.Empty,
            Op = Named(git, $"fetch-git {RedactCredentials(git.Remote)}#{git.Ref}"),
        }));

    private State FetchHttp(FetchHttpOp http) => Guard(http, () => State.Http(
        http.Url,
        new HttpOptions
        {
            Checksum = http.Checksum,
            Filename = http.Filename,
            Permissions = http.Mode,
            Uid = http.Uid != 0 && http.Gid != 0 ? http.Uid : 0,
            Gid = http.Uid != 0 && http.Gid != 0 ? http.Gid : 0,
            Op = Named(http, $"fetch-http {RedactCredentials(http.Url)}"),
        }));

    private State Local(State state, LocalOp local) => Guard(local, () =>
    {
        registerLocal(local.Dir);
        var source = State.Local(local.Dir, new LocalOptions
        {
            SessionId = options.SessionId,
            IncludePatterns = local.Include,
            ExcludePatterns = [.. local.Exclude, DaggerStateExclude],
            SharedKeyHint = local.Dir,
            Op = Named(local, $"local {local.Dir}"),
        });

        // Copying into the state, rather than using the source directly, keeps digests stable across syncs.
        return state.File(
            FileAction.Copy(source, "/", "/", new CopyOptions { CopyDirContentsOnly = true, CreateDestPath = true }),
            Named(local, $"copy {local.Dir}"));
    });

    private State Copy(State state, CopyOp copy, State from) => Guard(copy, () => state.File(
        FileAction.Copy(from, copy.Src, copy.Dest, new CopyOptions { CopyDirContentsOnly = true, CreateDestPath = true, AllowWildcard = true }),
        Named(copy, $"copy {copy.Src} {copy.Dest}")));

    private async Task<(State? State, PipelineReference? WaitingFor)> ExecAsync(
        State state,
        ExecOp exec,
        Func<PipelineReference, CancellationToken, ValueTask<CompiledPipeline?>> resolve,
        CancellationToken cancellationToken)
    {
        if (exec.Args.Count == 0)
        {
            throw new OpException(exec.Source, Messages.ExecNeedsArgs);
        }

        var mounts = new List<ExecMount>();
        foreach (var mount in exec.Mounts.OrderBy(m => m.Target, StringComparer.Ordinal))
        {
            // A relative target is under the root filesystem, as the original's runc took it (mount: something: "cache").
            var target = UnixPath.IsAbs(mount.Target) ? mount.Target : "/" + mount.Target;
            switch (mount)
            {
                case TmpfsMountSpec:
                    mounts.Add(new TmpfsMount(target));
                    break;
                case CacheMountSpec cache:
                    mounts.Add(new CacheMount(target, cache.Id) { Sharing = CacheSharing.Shared });
                    break;
                case SecretMountSpec secret:
                    mounts.Add(new SecretMount(target, secret.SecretId) { Uid = 0, Gid = 0, Mode = 0x100 });
                    break;
                case StreamMountSpec stream:
                    // BuildKit forwards sockets only as SSH agents; the session relays any bytes, as the original did.
                    mounts.Add(new SshMount(target) { Id = stream.StreamId, Mode = 0x180 });
                    break;
                case FromMountSpec from:
                    {
                        var pipeline = await resolve(from.From, cancellationToken).ConfigureAwait(false);
                        if (pipeline is null)
                        {
                            return (null, from.From);
                        }

                        mounts.Add(new BindMount(target, pipeline.State)
                        {
                            SourcePath = from.Path is "" or "/" ? null : from.Path,
                            NoOutput = true,
                        });
                        break;
                    }

                default:
                    throw new OpException(exec.Source, Message.Format(Messages.UnknownMountKindAt, mount.Target));
            }
        }

        return (Guard(exec, () =>
        {
            var s = state.WithNetwork(options.ExecNetwork);
            foreach (var (key, value) in exec.Env.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                s = s.WithEnv(key, value);
            }

            if (exec.Dir is not null)
            {
                s = s.WithDir(exec.Dir);
            }

            if (exec.User is not null)
            {
                s = s.WithUser(exec.User);
            }

            foreach (var (host, ip) in exec.Hosts.OrderBy(h => h.Key, StringComparer.Ordinal))
            {
                if (!IPAddress.TryParse(ip, out var address))
                {
                    throw new OpException(exec.Source, Message.Format(Messages.HostNotAnIpAddress, host, ip));
                }

                s = s.WithExtraHost(host, address);
            }

            var run = s.Run(new ExecOptions
            {
                Args = exec.Args,
                Mounts = mounts,
                Op = Named(exec, "exec " + string.Join(' ', exec.Args), ignoreCache: exec.Always),
            });
            return run.Root;
        }), null);
    }

    // The description is what the engine shows; the tag is how its reports come back to the op.
    private OpOptions Named(PipelineOp op, string description, bool ignoreCache = false) => new()
    {
        CustomName = OneLine(description),
        Tag = op.Origin,
        IgnoreCache = ignoreCache || options.NoCache,
        Platform = options.Platform,
    };

    private static string OneLine(string description)
    {
        const int MaxDescription = 120;
        var line = description.ReplaceLineEndings(" ");
        return line.Length <= MaxDescription ? line : string.Concat(line.AsSpan(0, MaxDescription - 1), "…");
    }

    // LLB and options errors become errors of the op, with its path and position.
    private static T Guard<T>(PipelineOp op, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (LlbException e)
        {
            throw new OpException(op.Source, e.Message, e);
        }
    }

    private static string RedactCredentials(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
        {
            return url.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal);
        }

        return url;
    }
}
