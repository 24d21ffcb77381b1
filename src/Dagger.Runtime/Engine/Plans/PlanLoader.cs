using System.Text.Json;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Exports;
using Dagger.Runtime.Engine.Scheduling;

namespace Dagger.Runtime.Engine.Plans;

/// <summary>Loads a plan (the CUE package in a folder) and unifies the user's inputs into it.</summary>
public static class PlanLoader
{
    /// <summary>Loads the package in <paramref name="directory"/> with <paramref name="inputs"/> filled in.</summary>
    /// <exception cref="PlanException">The plan does not load, an input does not fit, or the result has conflicts.</exception>
    public static CuePlan Load(string directory, IReadOnlyList<PlanInput> inputs) => Load(directory, inputs, new PlanLayers());

    /// <summary>
    /// Loads the package in <paramref name="directory"/> (or the one <paramref name="layers"/> names) with
    /// <paramref name="inputs"/> filled in, then the computed values of <paramref name="layers"/>; without the plan
    /// layer, the inputs and computed values are unified alone.
    /// </summary>
    /// <exception cref="PlanException">The plan does not load, an input does not fit, or the result has conflicts.</exception>
    public static CuePlan Load(string directory, IReadOnlyList<PlanInput> inputs, PlanLayers layers)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(layers);
        var full = System.IO.Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new PlanException(ErrorCodes.PlanNotFound, Message.Format(Messages.PlanDirectoryNotFound, directory));
        }

        var overlay = EmbeddedPackages.OverlayFor(full);
        return CueContext.RunWithLargeStack(() =>
        {
            var context = new CueContext();
            CueValue root;
            try
            {
                root = layers.Plan ? context.Load(full, [layers.Package ?? "."], overlay) : context.Compile("{}", "empty.cue");
            }
            catch (CueEvalException e)
            {
                throw CueDiagnostics.ToPlanException(e, context, full, CueDiagnostics.MessageOf(e));
            }

            foreach (var input in inputs)
            {
                root = Fill(context, root, input, full);
            }

            if (layers.ComputedJson is { } computed)
            {
                root = Fill(context, root, new JsonInput(string.Empty, computed), full);
            }

            if (root.Error is { Incomplete: false } error)
            {
                throw CueDiagnostics.ToPlanException(error, context, full, CueDiagnostics.MessageOf(error));
            }

            return new CuePlan(root, full);
        });
    }

    private static CueValue Fill(CueContext context, CueValue root, PlanInput input, string planDirectory)
    {
        object? data = input switch
        {
            TextInput text => text.Text,
            BoolInput b => b.Value,
            JsonInput json => Decode(input, "JSON", () => context.DecodeJson(json.Json)),
            YamlInput yaml => Decode(input, "YAML", () => context.DecodeYaml(yaml.Yaml)),
            FileInput file => ReadFile(input, file.File),
            DirectoryInput dir => DirectoryArtifact(context, dir),
            GitInput git => GitArtifact(context, git),
            SecretInput secret => context.Compile($"$dagger: secret: #id: {CueJson.Quote(secret.Id)}\n", "input-secret.cue"),
            SocketInput socket => SocketStream(context, socket),
            _ => throw new PlanException(ErrorCodes.InvalidInput, Message.Format(Messages.UnsupportedInput, input.Path)),
        };
        var filled = root.FillPath(input.Path, data);
        var at = input.Path.Length == 0 ? filled : filled.LookupPath(input.Path);
        if (at?.Error is { Incomplete: false } error)
        {
            throw CueDiagnostics.ToPlanException(error, context, planDirectory, $"input {Name(input)}: {CueDiagnostics.MessageOf(error)}", ErrorCodes.InvalidInput, input.Path);
        }

        return filled;
    }

    // An artifact: its pipeline (#up, a definition) copies the directory in. Compiled as CUE, since data has no definitions.
    private static CueValue DirectoryArtifact(CueContext context, DirectoryInput dir)
    {
        var full = System.IO.Path.GetFullPath(dir.Directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new PlanException(ErrorCodes.InputUnreadable, Message.Format(Messages.InputDirNotFound, dir.Path, dir.Directory)) { Path = dir.Path };
        }

        static string List(IReadOnlyList<string> items) => "[" + string.Join(", ", items.Select(i => CueJson.Quote(i))) + "]";
        return context.Compile(
            $"#up: [{{do: \"local\", dir: {CueJson.Quote(full)}, include: {List(dir.Include)}, exclude: {List(dir.Exclude)}}}]\n",
            "input-dir.cue");
    }

    private static CueValue SocketStream(CueContext context, SocketInput socket)
    {
        var full = System.IO.Path.GetFullPath(socket.Socket);
        if (!File.Exists(full))
        {
            throw new PlanException(ErrorCodes.InputUnreadable, Message.Format(Messages.InputSocketNotFound, socket.Path, socket.Socket)) { Path = socket.Path };
        }

        return context.Compile($"$dagger: service: #id: {CueJson.Quote(socket.Id)}\n", "input-socket.cue");
    }

    private static CueValue GitArtifact(CueContext context, GitInput git)
    {
        var subdir = git.Subdir is { Length: > 0 } dir ? $", {{do: \"subdir\", dir: {CueJson.Quote(dir)}}}" : string.Empty;
        return context.Compile(
            $"#up: [{{do: \"fetch-git\", remote: {CueJson.Quote(git.Remote)}, ref: {CueJson.Quote(git.Ref)}}}{subdir}]\n",
            "input-git.cue");
    }

    private static byte[] ReadFile(PlanInput input, string file)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (IOException e)
        {
            throw new PlanException(ErrorCodes.InputUnreadable, Message.Format(Messages.InputCannotRead, input.Path, file, e.Message), null, e) { Path = input.Path };
        }
    }

    // An input's JSON or YAML is parsed once, by the evaluator's own decoder, into the value that is filled.
    private static CueValue Decode(PlanInput input, string format, Func<CueValue> decode)
    {
        try
        {
            return decode();
        }
        catch (CueEvalException e)
        {
            throw new PlanException(ErrorCodes.InvalidInput, Message.Format(Messages.InputNotValid, Name(input), format, e.Message), null, e) { Path = input.Path };
        }
    }

    private static string Name(PlanInput input) => input.Path.Length == 0 ? "(root)" : input.Path;
}
