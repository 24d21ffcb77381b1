using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Environments.Age;

namespace Dagger.Runtime.Engine.Environments;

/// <summary>
/// A dagger project: a folder holding <c>.dagger/env/</c>, with one folder per environment. Found by walking up from
/// the current folder, or named with <c>--project</c>.
/// </summary>
public sealed class DaggerProject
{
    private DaggerProject(string root) => Root = root;

    /// <summary>The project's folder, absolute.</summary>
    public string Root { get; }

    /// <summary>The folder of the environments: <c>.dagger/env</c>.</summary>
    public string EnvironmentsDirectory => Path.Combine(Root, ".dagger", "env");

    /// <summary>The project's extra age recipients, one <c>age1…</c> a line: <c>.dagger/recipients.txt</c>.</summary>
    public string RecipientsFile => Path.Combine(Root, ".dagger", "recipients.txt");

    /// <summary>The project holding <paramref name="start"/> (itself or a parent folder), or null.</summary>
    public static DaggerProject? Find(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".dagger", "env")))
            {
                return new DaggerProject(dir.FullName);
            }
        }

        return null;
    }

    /// <summary>The project at <paramref name="project"/> when given, otherwise the one holding <paramref name="currentDirectory"/>.</summary>
    /// <exception cref="DaggerException"><see cref="ErrorCodes.ProjectNotFound"/>.</exception>
    public static DaggerProject Open(string? project, string currentDirectory)
    {
        if (project is { Length: > 0 })
        {
            var full = Path.GetFullPath(project, currentDirectory);
            return Directory.Exists(Path.Combine(full, ".dagger", "env"))
                ? new DaggerProject(full)
                : throw new DaggerException(ErrorCodes.ProjectNotFound, Message.Format(Messages.NotADaggerProject, project));
        }

        return Find(currentDirectory)
            ?? throw new DaggerException(ErrorCodes.ProjectNotFound, Message.Format(Messages.NoDaggerProject, currentDirectory));
    }

    /// <summary>Makes <paramref name="root"/> a project (creates <c>.dagger/env</c>); safe to run again.</summary>
    /// <returns>The project, and whether it was created now.</returns>
    public static (DaggerProject Project, bool Created) Init(string root)
    {
        var full = Path.GetFullPath(root);
        var env = Path.Combine(full, ".dagger", "env");
        var created = !Directory.Exists(env);
        try
        {
            Directory.CreateDirectory(env);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaggerException(ErrorCodes.WriteFailed, Message.Format(Messages.CannotCreate, env, e.Message), null, e);
        }

        return (new DaggerProject(full), created);
    }

    /// <summary>The environments' names, sorted.</summary>
    public IReadOnlyList<string> EnvironmentNames() =>
        [.. Directory.EnumerateDirectories(EnvironmentsDirectory)
            .Where(d => File.Exists(Path.Combine(d, DaggerEnvironment.ValuesFileName)))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// The environment named <paramref name="name"/>; without a name, the only one. Several environments and no name
    /// is an error that lists them.
    /// </summary>
    /// <exception cref="DaggerException"><see cref="ErrorCodes.EnvironmentNotFound"/>.</exception>
    public DaggerEnvironment Select(string? name)
    {
        var names = EnvironmentNames();
        if (name is { Length: > 0 })
        {
            return names.Contains(name, StringComparer.Ordinal)
                ? new DaggerEnvironment(this, name)
                : throw new DaggerException(ErrorCodes.EnvironmentNotFound, Message.Format(Messages.EnvironmentNotFound, name, Root, Listing(names)));
        }

        return names.Count switch
        {
            1 => new DaggerEnvironment(this, names[0]),
            0 => throw new DaggerException(ErrorCodes.EnvironmentNotFound, Message.Format(Messages.NoEnvironments, Root)),
            _ => throw new DaggerException(ErrorCodes.EnvironmentNotFound, Message.Format(Messages.SeveralEnvironments, string.Join(", ", names))),
        };
    }

    /// <summary>Creates the environment <paramref name="name"/>: <c>values.yaml</c> and a <c>.gitignore</c> that keeps <c>state/</c> out of git.</summary>
    /// <exception cref="DaggerException"><see cref="ErrorCodes.EnvironmentExists"/>, or a bad name or package.</exception>
    public DaggerEnvironment Create(string name, string? package, string? platform)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name is "." or ".." || name.IndexOfAny(['/', '\\', ':']) >= 0 || name.Any(char.IsWhiteSpace))
        {
            throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.EnvironmentNameNotValid, name));
        }

        var environment = new DaggerEnvironment(this, name);
        if (Directory.Exists(environment.Directory))
        {
            throw new DaggerException(ErrorCodes.EnvironmentExists, Message.Format(Messages.EnvironmentExists, name, environment.Directory));
        }

        var values = new EnvironmentValues { Name = name, Plan = new PlanSource(Package: NormalizePackage(package)), Platform = platform };
        try
        {
            Directory.CreateDirectory(environment.Directory);
            File.WriteAllText(Path.Combine(environment.Directory, ".gitignore"), "# dagger state: computed values, history, lock\nstate/\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaggerException(ErrorCodes.WriteFailed, Message.Format(Messages.CannotCreate, environment.Directory, e.Message), null, e);
        }

        environment.Save(values);
        return environment;
    }

    /// <summary>The project's extra recipients (<c>.dagger/recipients.txt</c>), that secrets are encrypted for too.</summary>
    /// <exception cref="DaggerException">A line is not an age recipient.</exception>
    public IReadOnlyList<AgeRecipient> ExtraRecipients()
    {
        if (!File.Exists(RecipientsFile))
        {
            return [];
        }

        var recipients = new List<AgeRecipient>();
        var number = 0;
        foreach (var raw in File.ReadAllLines(RecipientsFile))
        {
            number++;
            var line = raw.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                recipients.Add(AgeRecipient.TryParse(line)
                    ?? throw new DaggerException(ErrorCodes.SecretKey, Message.Format(Messages.NotAnAgeRecipient, RecipientsFile, number)));
            }
        }

        return recipients;
    }

    // A local package is kept as ./relative (as the original did); an import path as it is.
    private string? NormalizePackage(string? package)
    {
        if (package is not { Length: > 0 })
        {
            return null;
        }

        var local = package.StartsWith('.') || package.StartsWith('/') || Directory.Exists(Path.Combine(Root, package));
        if (!local)
        {
            return package;
        }

        var full = Path.GetFullPath(package, Root);
        var relative = Path.GetRelativePath(Root, full).Replace('\\', '/');
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.PackageOutsideProject, package, Root));
        }

        return relative == "." ? null : "./" + relative;
    }

    private static string Listing(IReadOnlyList<string> names) => names.Count == 0 ? Messages.EnvironmentsNone : Message.Format(Messages.EnvironmentsListed, string.Join(", ", names));
}
