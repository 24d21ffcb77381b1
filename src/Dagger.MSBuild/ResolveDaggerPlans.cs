using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;

namespace Dagger.MSBuild;

/// <summary>
/// Turns the <c>DaggerPlan</c> and <c>DaggerInput</c> items of a project into one run request per plan, and lists
/// the files each run reads, for the incremental check of the target that runs it. A secret input is passed by the
/// name of its environment variable only: its value never reaches a property, a command line or a log.
/// </summary>
public sealed class ResolveDaggerPlans : Microsoft.Build.Utilities.Task
{
    /// <summary>The <c>DaggerPlan</c> items: the plan's folder, with <c>Environment</c> and <c>Target</c> metadata.</summary>
    [Required]
    public ITaskItem[] Plans { get; set; } = [];

    /// <summary>
    /// The <c>DaggerInput</c> items: the CUE path, with <c>Kind</c>, <c>Value</c>, <c>EnvironmentVariable</c> (secrets)
    /// and <c>Plan</c> (the plan it is for; every plan when it is empty) metadata.
    /// </summary>
    public ITaskItem[] Inputs { get; set; } = [];

    /// <summary>The folder that relative paths are taken from: the project's.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>The folder of the requests and stamps (<c>$(IntermediateOutputPath)dagger/</c>).</summary>
    [Required]
    public string StateDirectory { get; set; } = "";

    /// <summary>Answer no op from the engine's cache (<c>--no-cache</c>).</summary>
    public bool NoCache { get; set; }

    /// <summary>The engine's address (<c>--engine</c>), or empty for the tool's default.</summary>
    public string? Engine { get; set; }

    /// <summary>The platform (<c>--platform os/arch</c>), or empty for the engine's.</summary>
    public string? Platform { get; set; }

    /// <summary>Print the task graph and run nothing (<c>--dry-run</c>).</summary>
    public bool DryRun { get; set; }

    /// <summary>The tool that runs the plans: another tool, or the same one rebuilt, makes every plan out of date.</summary>
    public string? ToolPath { get; set; }

    /// <summary>
    /// One item per plan, named as the <c>DaggerPlan</c> is, with metadata <c>PlanDirectory</c>, <c>Request</c>
    /// (for <see cref="DaggerUp"/>), <c>RequestFile</c> (written only when the request changes) and <c>StampFile</c>.
    /// </summary>
    [Output]
    public ITaskItem[] Runs { get; private set; } = [];

    /// <summary>The files each run reads (its CUE files, <c>cue.mod</c>, input files), with <c>StampFile</c> metadata.</summary>
    [Output]
    public ITaskItem[] InputFiles { get; private set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        var requests = new List<PlanRequest>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var plan in Plans)
        {
            if (!names.Add(plan.ItemSpec))
            {
                Error(null, $"DaggerPlan '{plan.ItemSpec}' is listed twice; list each plan once.");
                continue;
            }

            if (Request(plan) is { } request)
            {
                requests.Add(request);
            }
        }

        foreach (var input in Inputs)
        {
            var target = input.GetMetadata("Plan");
            if (target.Length > 0 && !names.Contains(target))
            {
                Error(input, $"DaggerInput '{input.ItemSpec}' is for Plan '{target}', which no DaggerPlan item names.");
            }
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        var runs = new List<ITaskItem>();
        var files = new List<ITaskItem>();
        Directory.CreateDirectory(StateDirectory);
        foreach (var request in requests)
        {
            var stem = Path.Combine(StateDirectory, Stem(request.PlanDirectory));
            var stamp = stem + ".stamp";
            var requestFile = stem + ".request";
            WriteWhenDifferent(requestFile, request.ToJson() + "\n" + ToolIdentity());
            runs.Add(Items.Create(request.Plan, ("PlanDirectory", request.PlanDirectory), ("Request", request.ToProperty()), ("RequestFile", requestFile), ("StampFile", stamp)));
            files.AddRange(FilesRead(request).Select(file => Items.Create(file, ("StampFile", stamp), ("Plan", request.Plan))));
        }

        Runs = [.. runs];
        InputFiles = [.. files];
        return true;
    }

    // The request file is newer than the stamp when the plan's run changes, and the tool is part of the run.
    private string ToolIdentity()
    {
        if (string.IsNullOrEmpty(ToolPath))
        {
            return "tool: default";
        }

        var file = new FileInfo(ToolPath);
        return file.Exists
            ? $"tool: {file.FullName} {file.Length} {file.LastWriteTimeUtc.Ticks}"
            : $"tool: {ToolPath}";
    }

    private PlanRequest? Request(ITaskItem plan)
    {
        // "ci", "ci/" and "./ci" name one plan: one request, so that MSBuild runs it once.
        var directory = Path.GetFullPath(Path.Combine(ProjectDirectory, plan.ItemSpec)).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var arguments = new List<string> { "up", "-p", directory };
        var environment = plan.GetMetadata("Environment");
        if (environment.Length > 0)
        {
            arguments.Add("-e");
            arguments.Add(environment);
        }

        var target = plan.GetMetadata("Target");
        if (target.Length > 0)
        {
            arguments.Add("--target");
            arguments.Add(target);
        }

        var valid = true;
        foreach (var input in Inputs)
        {
            var only = input.GetMetadata("Plan");
            if (only.Length > 0 && !string.Equals(only, plan.ItemSpec, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (InputArgument(input) is { } argument && Patterns(input, argument.Option) is { } patterns)
            {
                arguments.Add(argument.Option);
                arguments.Add(argument.Value);
                arguments.AddRange(patterns);
            }
            else
            {
                valid = false;
            }
        }

        if (NoCache)
        {
            arguments.Add("--no-cache");
        }

        if (!string.IsNullOrEmpty(Platform))
        {
            arguments.Add("--platform");
            arguments.Add(Platform!);
        }

        if (!string.IsNullOrEmpty(Engine))
        {
            arguments.Add("--engine");
            arguments.Add(Engine!);
        }

        if (DryRun)
        {
            arguments.Add("--dry-run");
        }

        // A project whose plan is its own folder (Include=".") shows the folder's name, not a dot.
        var name = plan.ItemSpec.Trim().TrimEnd('/', '\\') is "" or "." ? Path.GetFileName(directory) : plan.ItemSpec;
        return valid ? new PlanRequest(name, directory, arguments, DryRun) : null;
    }

    // IncludePatterns and ExcludePatterns (semicolon-separated, as MSBuild lists go) send only some files of a dir
    // input: the tool's --input-dir-include and --input-dir-exclude, one per pattern.
    private List<string>? Patterns(ITaskItem input, string option)
    {
        var arguments = new List<string>();
        foreach (var (metadata, flag) in new[] { ("IncludePatterns", "--input-dir-include"), ("ExcludePatterns", "--input-dir-exclude") })
        {
            var patterns = input.GetMetadata(metadata).Split([';'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
            if (patterns.Count == 0)
            {
                continue;
            }

            if (option != "--input-dir")
            {
                Error(input, $"DaggerInput '{input.ItemSpec}' has {metadata}, which only inputs of Kind 'dir' take.");
                return null;
            }

            foreach (var pattern in patterns)
            {
                arguments.Add(flag);
                arguments.Add($"{input.ItemSpec}={pattern}");
            }
        }

        return arguments;
    }

    private (string Option, string Value)? InputArgument(ITaskItem input)
    {
        var key = input.ItemSpec;
        var kindName = input.GetMetadata("Kind");
        var value = input.GetMetadata("Value");
        var variable = input.GetMetadata("EnvironmentVariable");
        var kind = InputKind.Find(kindName.Length == 0 ? "text" : kindName);
        if (kind is null)
        {
            Error(input, $"DaggerInput '{key}' has Kind '{kindName}'; the kinds are {string.Join(", ", InputKind.All.Select(k => k.Name))}.");
            return null;
        }

        if (kind == InputKind.Secret)
        {
            // The value itself would already be in the project, its evaluation and the binlog: refuse it outright.
            if (value.Length > 0)
            {
                Error(input, $"DaggerInput '{key}' is a secret with a Value; a secret's value never goes in a project file: set EnvironmentVariable to the name of the variable that holds it.");
                return null;
            }

            if (variable.Length == 0)
            {
                Error(input, $"DaggerInput '{key}' is a secret without EnvironmentVariable; set it to the name of the environment variable that holds the secret.");
                return null;
            }

            return (kind.Option, $"{key}={variable}");
        }

        if (variable.Length > 0)
        {
            Error(input, $"DaggerInput '{key}' of Kind '{kind.Name}' has EnvironmentVariable, which only secrets take; use Value=\"$({variable})\" for a value that is not secret.");
            return null;
        }

        if (kind.Name == "bool")
        {
            if (!bool.TryParse(value, out var flag))
            {
                Error(input, $"DaggerInput '{key}' of Kind 'bool' has Value '{value}'; it must be true or false.");
                return null;
            }

            value = flag ? "true" : "false";
        }
        else if (kind.Name != "text" && value.Length == 0)
        {
            Error(input, $"DaggerInput '{key}' of Kind '{kind.Name}' has no Value.");
            return null;
        }

        if (kind.ValueIsPath)
        {
            value = Path.GetFullPath(Path.Combine(ProjectDirectory, value));
        }

        return (kind.Option, $"{key}={value}");
    }

    private SortedSet<string> FilesRead(PlanRequest request)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var skip = new[] { Path.GetFullPath(StateDirectory).TrimEnd(Path.DirectorySeparatorChar) };
        foreach (var file in FileTree.Enumerate(request.PlanDirectory, skip).Where(f => f.EndsWith(".cue", StringComparison.Ordinal)))
        {
            files.Add(file);
        }

        if (FileTree.FindUp(request.PlanDirectory, "cue.mod") is { } module)
        {
            files.UnionWith(FileTree.Enumerate(module, skip));
        }

        // The arguments are option/value pairs after "up -p DIR": the paths of file-like inputs follow K=.
        for (var i = 3; i + 1 < request.Arguments.Count; i++)
        {
            var kind = InputKind.All.FirstOrDefault(k => k.Option == request.Arguments[i]);
            if (kind is null || !kind.ValueIsPath)
            {
                continue;
            }

            var value = request.Arguments[i + 1];
            var path = value.Substring(value.IndexOf('=') + 1);
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.UnionWith(FileTree.Enumerate(path, skip));
            }
        }

        return files;
    }

    private void Error(ITaskItem? item, string message) =>
        Log.LogError(null, ErrorCodes.InvalidItem, null, item?.GetMetadata("DefiningProjectFullPath") is { Length: > 0 } project ? project : null, 0, 0, 0, 0, message);

    private static string Stem(string planDirectory)
    {
        var name = Path.GetFileName(planDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(planDirectory));
        var hex = string.Concat(hash.Take(4).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        return (name.Length == 0 ? "plan" : name) + "-" + hex;
    }

    private static void WriteWhenDifferent(string path, string text)
    {
        // The request file's time is an input of the incremental check: touch it only when the request changed.
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return;
        }

        File.WriteAllText(path, text);
    }
}
