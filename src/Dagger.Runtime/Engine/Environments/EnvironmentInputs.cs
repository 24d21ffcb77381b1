using System.Collections.Immutable;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Environments.Age;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Scheduling;

namespace Dagger.Runtime.Engine.Environments;

/// <summary>
/// Sets, unsets and lists an environment's inputs. Every change is checked at once by loading the plan with the
/// inputs as they would be; <c>values.yaml</c> is written only when the check passes.
/// </summary>
public static class EnvironmentInputs
{
    /// <summary>
    /// Sets the input <paramref name="input"/> (its path, and its value as the user gave it: paths relative to
    /// <paramref name="currentDirectory"/>, a secret's plaintext).
    /// </summary>
    /// <exception cref="DaggerException">The input does not fit the plan, its file or folder is missing or outside the
    /// project; <c>values.yaml</c> is left as it was.</exception>
    public static EnvironmentValues Set(DaggerEnvironment environment, PlanInput input, string currentDirectory, Func<AgeKeyring> keys)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(keys);
        var values = environment.Load();
        var previous = values.Inputs.GetValueOrDefault(input.Path);
        StoredInput stored = input switch
        {
            TextInput t => new TextValue(t.Text),
            JsonInput j => new JsonValue(j.Json),
            YamlInput y => new YamlValue(y.Yaml),
            BoolInput b => new BoolValue(b.Value),
            GitInput g => new GitValue(g.Remote, g.Ref, g.Subdir),
            SocketInput s => new SocketValue(Socket(input.Path, s.Socket, currentDirectory)),
            FileInput f => new FileValue(InProject(environment, input.Path, "file", f.File, currentDirectory, directory: false)),
            DirectoryInput d => new DirValue(InProject(environment, input.Path, "dir", d.Directory, currentDirectory, directory: true), [.. d.Include], [.. d.Exclude]),
            SecretInput s => environment.Encrypt(s.Value, previous as SecretValue, keys()),
            _ => throw new DaggerException(ErrorCodes.InvalidInput, Message.Format(Messages.InputUnsupportedKind, input.Path)),
        };
        var changed = values with { Inputs = values.Inputs.SetItem(input.Path, stored) };
        Validate(environment, changed, keys, input.Path);
        environment.Save(changed);
        return changed;
    }

    /// <summary>Removes the input at exactly <paramref name="path"/>.</summary>
    /// <returns>Whether there was one.</returns>
    public static bool Unset(DaggerEnvironment environment, string path)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var values = environment.Load();
        if (!values.Inputs.ContainsKey(path))
        {
            return false;
        }

        environment.Save(values with { Inputs = values.Inputs.Remove(path) });
        return true;
    }

    /// <summary>The plan's inputs, with whether the user set each.</summary>
    public static IReadOnlyList<InputInfo> List(DaggerEnvironment environment, Func<AgeKeyring> keys)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var values = environment.Load();
        var plan = Load(environment, values, keys);
        return PlanInterface.Inputs(plan.Root, values.Inputs.Keys.ToImmutableHashSet(StringComparer.Ordinal));
    }

    /// <summary>The plan's outputs, with the values of the last run (<c>state/computed.json</c>).</summary>
    public static IReadOnlyList<OutputInfo> Outputs(DaggerEnvironment environment, Func<AgeKeyring> keys)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var values = environment.Load();
        var plan = Load(environment, values, keys, StateStore.ReadComputed(environment));
        return PlanInterface.Outputs(plan.Root);
    }

    /// <summary>Loads the environment's plan with its inputs, and <paramref name="computedJson"/> when given.</summary>
    public static CuePlan Load(DaggerEnvironment environment, EnvironmentValues values, Func<AgeKeyring> keys, string? computedJson = null, bool withPlan = true)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var (directory, package) = environment.PlanLocation(values);
        var inputs = environment.PlanInputs(values, keys);
        try
        {
            return PlanLoader.Load(directory, inputs, new PlanLayers { Plan = withPlan, Package = package, ComputedJson = computedJson });
        }
        catch (DaggerException e)
        {
            throw Redacted(e, inputs);
        }
    }

    private static void Validate(DaggerEnvironment environment, EnvironmentValues values, Func<AgeKeyring> keys, string path)
    {
        try
        {
            Load(environment, values, keys);
        }
        catch (DaggerException e) when (!e.Message.StartsWith("input ", StringComparison.Ordinal) && e.Code != ErrorCodes.SecretKey && e.Code != ErrorCodes.ValuesInvalid)
        {
            // The plan broke once the input was in: say which input.
            throw new DaggerException(ErrorCodes.InvalidInput, Message.Format(Messages.InputBreaksPlan, Name(path), e.Message), e.Span) { Path = path, Related = e.Related };
        }

        if (path.Length > 0 && !Exists(path, environment, values))
        {
            throw new DaggerException(ErrorCodes.InvalidInput, Message.Format(Messages.InputNotInPlan, path)) { Path = path };
        }
    }

    // The path must name a value of the plan itself (not only the one the input adds).
    private static bool Exists(string path, DaggerEnvironment environment, EnvironmentValues values)
    {
        var (directory, package) = environment.PlanLocation(values);
        var bare = PlanLoader.Load(directory, [], new PlanLayers { Package = package });
        return Cue.CueContext.RunWithLargeStack(() => bare.Root.LookupPath(path) is not null || ParentIsOpenMap(bare, path) || IsOptionalField(bare, path));
    }

    // feed?: dagger.#Artifact: the plan declares it, though it is not there until an input sets it.
    private static bool IsOptionalField(CuePlan plan, string path)
    {
        var dot = path.LastIndexOf('.');
        var parent = dot > 0 ? plan.Root.LookupPath(path[..dot]) : plan.Root;
        var label = dot > 0 ? path[(dot + 1)..] : path;
        return parent is not null && parent.Fields(Cue.CueFieldOptions.Optional).Any(f => f.IsOptional && f.Label == label);
    }

    // nested.input is known when nested is a struct of the plan that takes any field ([string]: T, or ...).
    private static bool ParentIsOpenMap(CuePlan plan, string path)
    {
        var dot = path.LastIndexOf('.');
        return dot > 0 && plan.Root.LookupPath(path[..dot]) is { } parent && parent.Kind.HasFlag(Cue.Core.Kind.Struct) && !parent.Fields().Any();
    }

    private static string Name(string path) => path.Length == 0 ? Messages.RootPath : path;

    private static string InProject(DaggerEnvironment environment, string path, string kind, string given, string currentDirectory, bool directory)
    {
        var full = Path.GetFullPath(given, currentDirectory);
        var relative = Path.GetRelativePath(environment.Project.Root, full).Replace('\\', '/');
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new DaggerException(ErrorCodes.InvalidInput, Message.Format(Messages.InputOutsideProject, path, kind, given, environment.Project.Root)) { Path = path };
        }

        if (directory ? !Directory.Exists(full) : !File.Exists(full))
        {
            throw new DaggerException(ErrorCodes.InputUnreadable, Message.Format(Messages.InputPathNotFound, path, kind, given)) { Path = path };
        }

        return relative == "." ? "." : "./" + relative;
    }

    private static string Socket(string path, string socket, string currentDirectory)
    {
        var full = Path.GetFullPath(socket, currentDirectory);
        if (!File.Exists(full))
        {
            throw new DaggerException(ErrorCodes.InputUnreadable, Message.Format(Messages.InputSocketNotFound, path, socket)) { Path = path };
        }

        return full;
    }

    // A plan error can quote an input's value: never a secret's.
    private static DaggerException Redacted(DaggerException e, IReadOnlyList<PlanInput> inputs)
    {
        var secrets = inputs.OfType<SecretInput>().Select(s => s.Value).ToList();
        if (secrets.Count == 0)
        {
            return e;
        }

        var redactor = new Events.SecretRedactor(secrets);
        var message = redactor.Redact(e.Message);
        return message == e.Message ? e : new DaggerException(e.Code, message, e.Span) { Path = e.Path, Related = e.Related };
    }

}
