using System.CommandLine;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Environments;
using Dagger.Runtime.Engine.Plans;

namespace Dagger.Tool.Commands;

/// <summary><c>dagger init [DIR]</c>: makes a folder a CUE module that imports dagger's packages.</summary>
internal static class InitCommand
{
    private const string ModuleFile = "module.cue";
    private const string ModuleText = "module: \"\"\n";

    public static Command Create(TextWriter stdout, CliContext context)
    {
        var dir = new Argument<string>("DIR")
        {
            Description = "The folder to initialize (created if missing; default: --project, or the current directory).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command(
            "init",
            "Make a folder a dagger project: .dagger/env/ for its environments (see dagger new), a CUE module (cue.mod/module.cue), "
            + "and dagger's CUE packages (alpha.dagger.io) vendored into cue.mod/pkg, so that plans in it can import them. "
            + "Safe to run again: it refreshes the packages.");
        command.Arguments.Add(dir);
        command.SetAction(parse =>
        {
            var target = parse.GetValue(dir) ?? parse.GetValue(ProjectOptions.Project) ?? ".";
            Init(Path.GetFullPath(target, context.CurrentDirectory), stdout, context);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Init(string directory, TextWriter stdout, CliContext context)
    {
        var root = Path.GetFullPath(directory);
        if (File.Exists(root))
        {
            throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.InitNotAFolder, directory));
        }

        try
        {
            Directory.CreateDirectory(root);
            var (_, created) = DaggerProject.Init(root);
            stdout.WriteLine(Message.Format(created ? Messages.InitProjectCreated : Messages.InitProjectExists, Display(Path.Combine(root, ".dagger", "env"), context)));
            var cueMod = Path.Combine(root, "cue.mod");
            var module = Path.Combine(cueMod, ModuleFile);
            if (File.Exists(module))
            {
                stdout.WriteLine(Message.Format(Messages.InitModuleExists, Display(module, context)));
            }
            else
            {
                Directory.CreateDirectory(cueMod);
                File.WriteAllText(module, ModuleText);
                stdout.WriteLine(Message.Format(Messages.InitModuleCreated, Display(module, context)));
            }

            // Count before vendoring: the vendoring leaves up-to-date files alone and says nothing.
            var changed = EmbeddedPackages.Files.Count(f =>
            {
                var target = Path.Combine(cueMod, "pkg", f.Key.Replace('/', Path.DirectorySeparatorChar));
                return !File.Exists(target) || File.ReadAllText(target) != f.Value;
            });
            EmbeddedPackages.VendorInto(root);

            var packages = EmbeddedPackages.Files.Keys.Select(k => k[..k.LastIndexOf('/')]).Distinct(StringComparer.Ordinal).Count();
            var where = Display(Path.Combine(cueMod, "pkg"), context);
            stdout.WriteLine(changed == 0
                ? Message.Format(Messages.InitPackagesUpToDate, where, packages, EmbeddedPackages.Files.Count)
                : Message.Format(Messages.InitPackagesVendored, where, packages, changed, EmbeddedPackages.Files.Count));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaggerException(ErrorCodes.WriteFailed, Message.Format(Messages.InitFailed, directory, e.Message), null, e);
        }
    }

    // Paths under the current directory read best relative to it; others stay absolute.
    private static string Display(string path, CliContext context)
    {
        var relative = Path.GetRelativePath(context.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
