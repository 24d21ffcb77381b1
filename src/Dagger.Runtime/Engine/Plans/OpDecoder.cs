using System.Globalization;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Plans;

/// <summary>
/// Reads ops from CUE values, dispatching on <c>do</c>. The caller has checked that the op is concrete, apart from
/// the pipelines it references (<c>from</c>), which are decoded on their own.
/// </summary>
internal sealed class OpDecoder(Func<CueValue, PipelineReference> reference)
{
    /// <summary>The op fields that hold other pipelines, and so need not be concrete themselves.</summary>
    public static bool IsPipelineField(string label) => label is "from" or "context";

    public PipelineOp Decode(CueValue op, OpSource source)
    {
        var kind = RequiredString(op, "do", source);
        return kind switch
        {
            "fetch-container" => new FetchContainerOp(source, RequiredString(op, "ref", source)),
            "fetch-git" => new FetchGitOp(
                source,
                RequiredString(op, "remote", source),
                RequiredString(op, "ref", source),
                OptionalBool(op, "keepGitDir", source) ?? false,
                SecretId(op, "authToken", source),
                SecretId(op, "authHeader", source)),
            "fetch-http" => new FetchHttpOp(
                source,
                RequiredString(op, "url", source),
                OptionalString(op, "checksum", source),
                OptionalString(op, "filename", source),
                OptionalInt(op, "mode", source) ?? 0x1A4,
                OptionalInt(op, "uid", source) ?? 0,
                OptionalInt(op, "gid", source) ?? 0),
            "local" => new LocalOp(source, RequiredString(op, "dir", source), Strings(op, "include", source), Strings(op, "exclude", source)),
            "load" => new LoadOp(source, Reference(op, "from", source)),
            "copy" => new CopyOp(source, Reference(op, "from", source), OptionalString(op, "src", source) ?? "/", OptionalString(op, "dest", source) ?? "/"),
            "subdir" => new SubdirOp(source, RequiredString(op, "dir", source)),
            "workdir" => new WorkdirOp(source, RequiredString(op, "path", source)),
            "write-file" => new WriteFileOp(source, RequiredString(op, "dest", source), Content(op, source), OptionalInt(op, "mode", source) ?? 0x1A4),
            "mkdir" => new MkdirOp(source, RequiredString(op, "path", source), OptionalString(op, "dir", source) ?? "/", OptionalInt(op, "mode", source) ?? 0x1ED),
            "export" => new ExportOp(source, RequiredString(op, "source", source), Format(op, source)),
            "exec" => Exec(op, source),
            "docker-build" => DockerBuild(op, source),
            "push-container" => new PushContainerOp(source, RequiredString(op, "ref", source)),
            "save-image" => new SaveImageOp(source, RequiredString(op, "tag", source), RequiredString(op, "dest", source)),
            "docker-login" => DockerLogin(op, source),
            _ => throw new OpException(source, ErrorCodes.UnknownOp, UnknownOp(kind)),
        };
    }

    /// <summary>The values of <c>do</c> this engine runs.</summary>
    internal static readonly string[] KnownOps =
    [
        "fetch-container", "fetch-git", "fetch-http", "local", "load", "copy", "subdir", "workdir", "write-file", "mkdir",
        "exec", "export", "docker-build", "push-container", "save-image", "docker-login",
    ];

    private static string UnknownOp(string kind)
    {
        var closest = KnownOps.MinBy(k => EditDistance(k, kind))!;
        var hint = EditDistance(closest, kind) <= 2 ? Message.Format(Messages.DidYouMean, closest) : "";
        return Message.Format(Messages.UnknownOp, kind, hint, string.Join(", ", KnownOps));
    }

    private static int EditDistance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    private DockerBuildOp DockerBuild(CueValue op, OpSource source)
    {
        var buildArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Field(op, "buildArg") is { } args)
        {
            foreach (var field in args.Fields())
            {
                var value = field.Value.Default(out _);
                if (value.LookupPath("$dagger.secret.#id") is { } secretId)
                {
                    // The frontend of BuildKit v0.8 takes build args only as plain frontend options: the value would
                    // be written into the LLB of every RUN step, the build cache and the image history. The session
                    // serves the secret to secret mounts, under its id.
                    var id = secretId.Default(out _).TryGetString(out var idText) ? idText : "<id>";
                    throw new OpException(source, Message.Format(Messages.BuildArgIsASecret, field.Label, id));
                }

                buildArgs[field.Label] = value.TryGetString(out var text)
                    ? text
                    : throw new OpException(source, Message.Format(Messages.BuildArgMustBeAString, field.Label, Describe(value)));
            }
        }

        var context = Field(op, "context") is not null ? Reference(op, "context", source) : null;
        var dockerfile = OptionalString(op, "dockerfile", source);
        return new DockerBuildOp(source, context, dockerfile)
        {
            DockerfilePath = OptionalString(op, "dockerfilePath", source),
            Platforms = Strings(op, "platforms", source),
            BuildArgs = buildArgs,
            Labels = StringMap(op, "label", source),
            Target = OptionalString(op, "target", source),
            Hosts = StringMap(op, "hosts", source),
        };
    }

    private static DockerLoginOp DockerLogin(CueValue op, OpSource source)
    {
        var target = RequiredString(op, "target", source);
        var username = RequiredString(op, "username", source);
        var secret = Field(op, "secret")?.Default(out _) ?? throw new OpException(source, Messages.MissingFieldSecret);
        if (secret.TryGetString(out var password))
        {
            return new DockerLoginOp(source, target, username, null, password);
        }

        return new DockerLoginOp(source, target, username, SecretId(op, "secret", source), null);
    }

    private ExecOp Exec(CueValue op, OpSource source)
    {
        var args = Strings(op, "args", source);
        var mounts = new List<ExecMountSpec>();
        if (Field(op, "mount") is { } mountValue)
        {
            foreach (var field in mountValue.Fields())
            {
                mounts.Add(Mount(field.Label, field.Value.Default(out _), source));
            }
        }

        return new ExecOp(source, args)
        {
            Env = StringMap(op, "env", source),
            Dir = OptionalString(op, "dir", source),
            Always = OptionalBool(op, "always", source) ?? false,
            User = OptionalString(op, "user", source),
            Hosts = StringMap(op, "hosts", source),
            Mounts = mounts,
        };
    }

    private ExecMountSpec Mount(string target, CueValue value, OpSource source)
    {
        if (value.TryGetString(out var kind))
        {
            return kind switch
            {
                "tmpfs" => new TmpfsMountSpec(target),
                "cache" => new CacheMountSpec(target, CacheId(source, target)),
                _ => throw new OpException(source, Message.Format(Messages.MountUnknownKind, target, kind)),
            };
        }

        if (Field(value, "from") is not null)
        {
            return new FromMountSpec(target, Reference(value, "from", source), OptionalString(value, "path", source) ?? "/");
        }

        if (Field(value, "secret") is not null)
        {
            return new SecretMountSpec(target, SecretId(value, "secret", source)!);
        }

        if (Field(value, "stream") is { } stream)
        {
            return stream.LookupPath("$dagger.service.#id") is { } id && id.Default(out _).TryGetString(out var streamId)
                ? new StreamMountSpec(target, streamId)
                : throw new OpException(source, Message.Format(Messages.MountStreamNotASocket, target, Describe(stream)));
        }

        if (Field(value, "cache") is { } cache)
        {
            return new CacheMountSpec(target, cache.TryGetString(out var id) ? id : CacheId(source, target));
        }

        throw new OpException(source, Message.Format(Messages.MountExpectedKind, target));
    }

    // Persistent, keyed by where the exec is written rather than by the task's path: every run of the exec shares the
    // cache, and a task that is a reference to another (b: a) compiles to the same LLB, so it does not run again.
    private static string CacheId(OpSource source, string target) => $"{source.Position ?? source.Path}.mount.{target}";

    private PipelineReference Reference(CueValue op, string name, OpSource source) =>
        Field(op, name) is { } value ? reference(value) : throw new OpException(source, Message.Format(Messages.MissingField, name));

    private static string? SecretId(CueValue op, string name, OpSource source)
    {
        if (Field(op, name) is not { } secret)
        {
            return null;
        }

        if (secret.LookupPath("$dagger.secret.#id") is { } id && id.Default(out _).TryGetString(out var text))
        {
            return text;
        }

        throw new OpException(source, Message.Format(Messages.MustBeASecret, name, Describe(secret)));
    }

    private static ReadOnlyMemory<byte> Content(CueValue op, OpSource source)
    {
        var value = Field(op, "content")?.Default(out _) ?? throw new OpException(source, Messages.WriteFileContentNotSet);
        if (value.TryGetString(out var text))
        {
            return System.Text.Encoding.UTF8.GetBytes(text);
        }

        if (value.Kind == Cue.Core.Kind.Bytes && value.IsConcrete)
        {
            // Bytes export to JSON as base64.
            using var json = System.Text.Json.JsonDocument.Parse(value.ToJson(indent: false));
            return Convert.FromBase64String(json.RootElement.GetString()!);
        }

        throw new OpException(source, Message.Format(Messages.ContentMustBeStringOrBytes, Describe(value)));
    }

    private static ExportFormat Format(CueValue op, OpSource source) => (OptionalString(op, "format", source) ?? "string") switch
    {
        "string" => ExportFormat.Text,
        "json" => ExportFormat.Json,
        "yaml" => ExportFormat.Yaml,
        "number" => ExportFormat.Number,
        "bool" or "boolean" => ExportFormat.Bool,
        var other => throw new OpException(source, Message.Format(Messages.UnknownExportFormat, other)),
    };

    private static CueValue? Field(CueValue value, string name) =>
        value.Fields().FirstOrDefault(f => f.Label == name)?.Value;

    private static string RequiredString(CueValue op, string name, OpSource source) =>
        OptionalString(op, name, source) ?? throw new OpException(source, Message.Format(Messages.MissingField, name));

    private static string? OptionalString(CueValue op, string name, OpSource source)
    {
        if (Field(op, name)?.Default(out _) is not { } value)
        {
            return null;
        }

        return value.TryGetString(out var text) ? text : throw new OpException(source, Message.Format(Messages.MustBeAString, name, Describe(value)));
    }

    private static bool? OptionalBool(CueValue op, string name, OpSource source)
    {
        if (Field(op, name)?.Default(out _) is not { } value)
        {
            return null;
        }

        return value.TryGetBool(out var flag) ? flag : throw new OpException(source, Message.Format(Messages.MustBeABool, name, Describe(value)));
    }

    private static int? OptionalInt(CueValue op, string name, OpSource source)
    {
        if (Field(op, name)?.Default(out _) is not { } value)
        {
            return null;
        }

        return value.TryGetInt64(out var number) && number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : throw new OpException(source, Message.Format(Messages.MustBeAnInt, name, Describe(value)));
    }

    private static IReadOnlyList<string> Strings(CueValue op, string name, OpSource source)
    {
        if (Field(op, name)?.Default(out _) is not { } value)
        {
            return [];
        }

        return [.. value.Elements().Select((e, i) => e.Default(out _).TryGetString(out var text)
            ? text
            : throw new OpException(source, Message.Format(Messages.ElementMustBeAString, name, i.ToString(CultureInfo.InvariantCulture), Describe(e))))];
    }

    private static Dictionary<string, string> StringMap(CueValue op, string name, OpSource source)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Field(op, name) is { } value)
        {
            foreach (var field in value.Fields())
            {
                map[field.Label] = field.Value.Default(out _).TryGetString(out var text)
                    ? text
                    : throw new OpException(source, Message.Format(Messages.MemberMustBeAString, name, field.Label, Describe(field.Value)));
            }
        }

        return map;
    }

    private static string Describe(CueValue value)
    {
        try
        {
            var text = value.ToCue().ReplaceLineEndings(" ");
            return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 59), "…");
        }
        catch (Cue.Errors.CueEvalException e)
        {
            return e.Message;
        }
    }
}
