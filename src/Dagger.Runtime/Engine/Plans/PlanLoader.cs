using System.Text.Json;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Export;
using Dagger.Runtime.Engine.Exports;
using Dagger.Runtime.Engine.Scheduling;

namespace Dagger.Runtime.Engine.Plans;

/// <summary>Loads a plan (the CUE package in a folder) and unifies the user's inputs into it.</summary>
public static class PlanLoader
{
    /// <summary>Loads the package in <paramref name="directory"/> with <paramref name="inputs"/> filled in.</summary>
    /// <exception cref="PlanException">The plan does not load, an input does not fit, or the result has conflicts.</exception>
    public static CuePlan Load(string directory, IReadOnlyList<PlanInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var full = System.IO.Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new PlanException($"plan directory {directory} does not exist");
        }

        var overlay = EmbeddedPackages.OverlayFor(full);
        return CueContext.RunWithLargeStack(() =>
        {
            var context = new CueContext();
            CueValue root;
            try
            {
                root = context.Load(full, ["."], overlay);
            }
            catch (CueEvalException e)
            {
                throw new PlanException($"cannot load the plan in {directory}: {e.Message}", e);
            }

            foreach (var input in inputs)
            {
                root = Fill(context, root, input);
            }

            if (root.Error is { Incomplete: false } error)
            {
                throw new PlanException(error.Message);
            }

            return new CuePlan(root);
        });
    }

    private static CueValue Fill(CueContext context, CueValue root, PlanInput input)
    {
        object? data = input switch
        {
            TextInput text => text.Text,
            BoolInput b => b.Value,
            JsonInput json => Decode(input, () => json.Json),
            YamlInput yaml => Decode(input, () => YamlToJson.Convert(yaml.Yaml)),
            FileInput file => ReadFile(input, file.File),
            DirectoryInput dir => DirectoryArtifact(context, dir),
            GitInput git => GitArtifact(context, git),
            SecretInput secret => context.Compile($"$dagger: secret: #id: {JsonSerializer.Serialize(secret.Id)}\n", "input-secret.cue"),
            SocketInput socket => SocketStream(context, socket),
            _ => throw new PlanException($"{input.Path}: unsupported input"),
        };
        var filled = root.FillPath(input.Path, data);
        var at = input.Path.Length == 0 ? filled : filled.LookupPath(input.Path);
        if (at?.Error is { Incomplete: false } error)
        {
            throw new PlanException($"input {Name(input)}: {error.Message}");
        }

        return filled;
    }

    // An artifact: its pipeline (#up, a definition) copies the directory in. Compiled as CUE, since data has no definitions.
    private static CueValue DirectoryArtifact(CueContext context, DirectoryInput dir)
    {
        var full = System.IO.Path.GetFullPath(dir.Directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new PlanException($"input {dir.Path}: dir {dir.Directory} doesn't exist");
        }

        static string List(IReadOnlyList<string> items) => "[" + string.Join(", ", items.Select(i => JsonSerializer.Serialize(i))) + "]";
        return context.Compile(
            $"#up: [{{do: \"local\", dir: {JsonSerializer.Serialize(full)}, include: {List(dir.Include)}, exclude: {List(dir.Exclude)}}}]\n",
            "input-dir.cue");
    }

    private static CueValue SocketStream(CueContext context, SocketInput socket)
    {
        var full = System.IO.Path.GetFullPath(socket.Socket);
        if (!File.Exists(full))
        {
            throw new PlanException($"input {socket.Path}: socket {socket.Socket} doesn't exist");
        }

        return context.Compile($"$dagger: service: #id: {JsonSerializer.Serialize(socket.Id)}\n", "input-socket.cue");
    }

    private static CueValue GitArtifact(CueContext context, GitInput git)
    {
        var subdir = git.Subdir is { Length: > 0 } dir ? $", {{do: \"subdir\", dir: {JsonSerializer.Serialize(dir)}}}" : string.Empty;
        return context.Compile(
            $"#up: [{{do: \"fetch-git\", remote: {JsonSerializer.Serialize(git.Remote)}, ref: {JsonSerializer.Serialize(git.Ref)}}}{subdir}]\n",
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
            throw new PlanException($"input {input.Path}: cannot read {file}: {e.Message}", e);
        }
    }

    private static object? Decode(PlanInput input, Func<string> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json());
            return CuePlan.ToData(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new PlanException($"input {Name(input)}: not valid JSON: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new PlanException($"input {Name(input)}: not valid YAML: {e.Message}", e);
        }
    }

    private static string Name(PlanInput input) => input.Path.Length == 0 ? "(root)" : input.Path;
}
