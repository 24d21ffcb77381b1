using System.CommandLine;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Tool.Commands;

/// <summary>The options that <c>compute</c> and <c>up</c> share: inputs and cache control.</summary>
internal sealed class RunOptions
{
    private readonly Option<string[]> inputString = Repeatable("--input-string", "K=V", "Fill the string V at the CUE path K.");
    private readonly Option<string[]> inputBool = Repeatable("--input-bool", "K=true|false", "Fill the boolean true or false at the CUE path K.");
    private readonly Option<string[]> inputJson = Repeatable("--input-json", "[K=]FILE", "Fill the JSON document in FILE at the CUE path K (the root without K=).");
    private readonly Option<string[]> inputYaml = Repeatable("--input-yaml", "[K=]FILE", "Fill the YAML document in FILE at the CUE path K (the root without K=).");
    private readonly Option<string[]> inputFile = Repeatable("--input-file", "K=PATH", "Fill the bytes of the file PATH at the CUE path K.");
    private readonly Option<string[]> inputDir = Repeatable("--input-dir", "K=PATH", "Fill an artifact holding the local directory PATH at the CUE path K (.dagger/ is never sent).");
    private readonly Option<string[]> inputDirInclude = Repeatable("--input-dir-include", "K=PATTERN", "Send only the files of the --input-dir at K that match PATTERN (repeatable; gitignore-like patterns such as *.go or src/**).");
    private readonly Option<string[]> inputDirExclude = Repeatable("--input-dir-exclude", "K=PATTERN", "Leave out the files of the --input-dir at K that match PATTERN (repeatable; such as a.txt or */*.json).");
    private readonly Option<string[]> inputGit = Repeatable("--input-git", "K=REMOTE#REF", "Fill an artifact holding the git checkout of REF (HEAD without #REF) from REMOTE at the CUE path K.");
    private readonly Option<string[]> inputSecret = Repeatable("--input-secret", "K=ENV_VAR", "Fill a secret at the CUE path K whose value is read from the environment variable ENV_VAR (never from the command line).");
    private readonly Option<string[]> inputSocket = Repeatable("--input-socket", "K=PATH", "Fill a stream (dagger.#Stream) at the CUE path K that forwards the local unix socket PATH, such as /var/run/docker.sock, into the execs that mount it.");
    private readonly Option<string> logFormat = new("--log-format")
    {
        Description = "Logs on stderr: plain; json (one object a line); tty (a live view of the running tasks, redrawn in place; "
            + "plain when stderr is not a terminal that can redraw); or auto (tty on a terminal, plain when TERM is dumb, json "
            + "when stderr is redirected). NO_COLOR turns colors off.",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<bool> dryRun = new("--dry-run")
    {
        Description = "Run nothing: print, as JSON, every task with the LLB of its pipeline when it can be compiled ahead, or what it waits for.",
    };

    private readonly Option<bool> noCache = new("--no-cache") { Description = "Answer no op from BuildKit's cache." };
    private readonly Option<string?> platform = new("--platform") { Description = "Pull images for and run execs on this platform (os/arch[/variant], e.g. linux/arm64); the engine's own by default." };
    private readonly Option<string?> target = new("--target", "-t") { Description = "Run only what this CUE path needs: the tasks at or under it (or the task holding it) and the tasks they depend on." };
    private readonly Option<bool> solvePerOp = new("--solve-per-op") { Description = "Solve after every op, one pipeline at a time, like the original dagger (to measure the difference)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { inputString, inputBool, inputJson, inputYaml, inputFile, inputDir, inputDirInclude, inputDirExclude, inputGit, inputSecret, inputSocket, logFormat, dryRun, noCache, platform, target, solvePerOp })
        {
            command.Options.Add(option);
        }
    }

    public RunRequest Request(ParseResult parse, string planDirectory)
    {
        var inputs = new List<PlanInput>();
        foreach (var value in parse.GetValue(inputString) ?? [])
        {
            var (key, text) = Split(value, "--input-string");
            inputs.Add(new TextInput(key, text));
        }

        foreach (var value in parse.GetValue(inputBool) ?? [])
        {
            var (key, text) = Split(value, "--input-bool");
            inputs.Add(new BoolInput(key, text switch
            {
                "true" => true,
                "false" => false,
                _ => throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.InputBoolOptionNotABoolean, key, text)),
            }));
        }

        foreach (var value in parse.GetValue(inputJson) ?? [])
        {
            var (key, file) = SplitOptional(value);
            inputs.Add(new JsonInput(key, ReadText(value, file, "--input-json")));
        }

        foreach (var value in parse.GetValue(inputYaml) ?? [])
        {
            var (key, file) = SplitOptional(value);
            inputs.Add(new YamlInput(key, ReadText(value, file, "--input-yaml")));
        }

        foreach (var value in parse.GetValue(inputFile) ?? [])
        {
            var (key, file) = Split(value, "--input-file");
            inputs.Add(new FileInput(key, file));
        }

        var include = Patterns(parse, inputDirInclude);
        var exclude = Patterns(parse, inputDirExclude);
        foreach (var value in parse.GetValue(inputDir) ?? [])
        {
            var (key, dir) = Split(value, "--input-dir");
            inputs.Add(new DirectoryInput(key, dir, include.GetValueOrDefault(key, []), exclude.GetValueOrDefault(key, [])));
        }

        var dirs = inputs.OfType<DirectoryInput>().Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        if (include.Keys.Concat(exclude.Keys).FirstOrDefault(k => !dirs.Contains(k)) is { } orphan)
        {
            throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.InputDirPatternsWithoutDir, orphan));
        }

        foreach (var value in parse.GetValue(inputGit) ?? [])
        {
            var (key, remote) = Split(value, "--input-git");
            var hash = remote.LastIndexOf('#');
            inputs.Add(hash < 0 ? new GitInput(key, remote) : new GitInput(key, remote[..hash], remote[(hash + 1)..]));
        }

        foreach (var value in parse.GetValue(inputSecret) ?? [])
        {
            var (key, variable) = Split(value, "--input-secret");
            var secret = Environment.GetEnvironmentVariable(variable)
                ?? throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.InputSecretVariableNotSet, key, variable));
            inputs.Add(new SecretInput(key, secret));
        }

        foreach (var value in parse.GetValue(inputSocket) ?? [])
        {
            var (key, socket) = Split(value, "--input-socket");
            inputs.Add(new SocketInput(key, socket));
        }

        return new RunRequest
        {
            PlanDirectory = planDirectory,
            Inputs = inputs,
            Engine = EngineDiscovery.Resolve(parse.GetValue(Cli.EngineOption)),
            EngineTimeout = Cli.EngineTimeout(parse),
            NoCache = parse.GetValue(noCache),
            SolvePerOp = parse.GetValue(solvePerOp),
            Target = parse.GetValue(target),
            Platform = Platform(parse.GetValue(platform)),
            Version = BuildInfo.Version,
        };
    }

    private static Dagger.Runtime.Llb.Platform? Platform(string? text) => text is null ? null : ParsePlatform(text);

    /// <summary>Parses <c>os/arch[/variant]</c>.</summary>
    /// <exception cref="DaggerException"><see cref="ErrorCodes.Usage"/>.</exception>
    public static Dagger.Runtime.Llb.Platform ParsePlatform(string text)
    {
        try
        {
            return Dagger.Runtime.Llb.Platform.Parse(text);
        }
        catch (Dagger.Runtime.Llb.LlbException e)
        {
            throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.PlatformNotValid, e.Message));
        }
    }

    /// <summary>Whether to print the plan instead of running it.</summary>
    public bool DryRun(ParseResult parse) => parse.GetValue(dryRun);

    /// <summary>
    /// How the run's events are shown on <paramref name="stderr"/>: JSON lines, plain text, or the live view when
    /// <paramref name="terminal"/> (stderr's terminal, null when it is redirected) can redraw.
    /// </summary>
    public Rendering.IEventRenderer Renderer(ParseResult parse, TextWriter stderr, Rendering.Terminal? terminal) => parse.GetValue(logFormat) switch
    {
        "json" => new Rendering.JsonRenderer(stderr),
        "plain" => new Rendering.PlainRenderer(stderr),
        "tty" => terminal is { CanRedraw: true } ? new Rendering.TtyRenderer(stderr, terminal, TimeProvider.System) : new Rendering.PlainRenderer(stderr),
        "auto" => terminal switch
        {
            null => new Rendering.JsonRenderer(stderr),
            { CanRedraw: true } => new Rendering.TtyRenderer(stderr, terminal, TimeProvider.System),
            _ => new Rendering.PlainRenderer(stderr),
        },
        var other => throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.UnknownLogFormat, other)),
    };

    private static Option<string[]> Repeatable(string name, string format, string description) => new(name)
    {
        Description = description,
        HelpName = format,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private static Dictionary<string, List<string>> Patterns(ParseResult parse, Option<string[]> option)
    {
        var patterns = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var value in parse.GetValue(option) ?? [])
        {
            var (key, pattern) = Split(value, option.Name);
            if (!patterns.TryGetValue(key, out var list))
            {
                patterns[key] = list = [];
            }

            list.Add(pattern);
        }

        return patterns;
    }

    private static (string Key, string Value) Split(string value, string option)
    {
        var eq = value.IndexOf('=', StringComparison.Ordinal);
        return eq <= 0
            ? throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.OptionExpectsKeyValue, option, value))
            : (value[..eq], value[(eq + 1)..]);
    }

    private static (string Key, string Value) SplitOptional(string value)
    {
        var eq = value.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (string.Empty, value) : (value[..eq], value[(eq + 1)..]);
    }

    private static string ReadText(string value, string file, string option)
    {
        if (file.Length == 0)
        {
            throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.OptionNeedsFile, option, value));
        }

        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // ArgumentException: a path no file can have, such as one holding a NUL (found by the fuzz test).
            throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.OptionCannotRead, option, file, e.Message));
        }
    }
}
