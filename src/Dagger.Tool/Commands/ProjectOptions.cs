using System.CommandLine;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Environments;
using Dagger.Runtime.Engine.Environments.Age;

namespace Dagger.Tool.Commands;

/// <summary>The options that pick the project and the environment, shared by every command.</summary>
internal static class ProjectOptions
{
    /// <summary><c>--project DIR</c>.</summary>
    public static readonly Option<string?> Project = new("--project")
    {
        Description = "The project's folder (the one holding .dagger/env); by default the first above the current folder that has one. Also $DAGGER_PROJECT.",
        Recursive = true,
    };

    /// <summary><c>-e, --environment NAME</c>.</summary>
    public static readonly Option<string?> Environment = new("--environment", "-e")
    {
        Description = "The environment to use; may be left out when the project has exactly one. Also $DAGGER_ENVIRONMENT.",
        Recursive = true,
    };

    public static DaggerProject OpenProject(ParseResult parse, CliContext context) =>
        DaggerProject.Open(parse.GetValue(Project), context.CurrentDirectory);

    public static DaggerEnvironment Select(ParseResult parse, CliContext context) =>
        OpenProject(parse, context).Select(parse.GetValue(Environment));

    /// <summary>The user's age identities, loaded (and created on first use) only when a secret needs them.</summary>
    public static Func<AgeKeyring> Keys(CliContext context)
    {
        AgeKeyring? keys = null;
        return () => keys ??= AgeKeyring.Load(AgeKeyring.DefaultPath(context.Variable), context.Variable, create: true);
    }

    /// <summary>Writes <paramref name="rows"/> as aligned columns, the last one left ragged.</summary>
    public static void Table(TextWriter output, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToList();
        foreach (var row in rows.Prepend(header))
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Count - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
    }

    /// <summary>Reads the text that <c>-f FILE</c> (or <c>-f -</c>, stdin) names.</summary>
    public static string ReadSource(string file, CliContext context)
    {
        if (file == "-")
        {
            return context.Stdin.ReadToEnd();
        }

        try
        {
            return File.ReadAllText(Path.GetFullPath(file, context.CurrentDirectory));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaggerException(ErrorCodes.InputUnreadable, Message.Format(Messages.CannotRead, file, e.Message), null, e);
        }
    }
}
