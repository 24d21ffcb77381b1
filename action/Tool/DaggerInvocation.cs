using System.Collections.Immutable;
using Dagger.Action.Errors;
using Dagger.Action.GitHub;
using Dagger.Action.Inputs;

namespace Dagger.Action.Tool;

/// <summary>
/// How the tool is started for the action's inputs: its arguments, its folder and its environment. The inputs
/// become arguments one for one, never through a shell.
/// </summary>
/// <param name="Executable">The tool's path.</param>
/// <param name="Arguments">The arguments.</param>
/// <param name="WorkingDirectory">The folder it runs in.</param>
/// <param name="Environment">Its environment.</param>
/// <param name="PlanFolder">Where the plan is expected, until the tool says (<c>run.started</c>).</param>
internal sealed record DaggerInvocation(
    string Executable,
    ImmutableArray<string> Arguments,
    string WorkingDirectory,
    ImmutableDictionary<string, string> Environment,
    string PlanFolder)
{
    /// <summary>The variable through which the tool takes the age identity (issue #12).</summary>
    public const string AgeKeyVariable = "DAGGER_AGE_KEY";

    /// <summary>The command line as shown in the log and the summary.</summary>
    public string Display => "dagger " + string.Join(' ', Arguments.Select(Quote));

    /// <summary>Builds the invocation; a tool that cannot be found throws <see cref="ActionException"/>.</summary>
    public static DaggerInvocation Create(ActionInputs inputs, GitHubContext github, ActionEnvironment environment)
    {
        var workdir = Path.GetFullPath(Path.Combine(github.Workspace, inputs.Workdir));
        if (!Directory.Exists(workdir))
        {
            throw new ActionException(ActionCodes.ToolNotStarted, $"input 'workdir' is '{inputs.Workdir}': the folder {workdir} does not exist");
        }

        var arguments = ImmutableArray.CreateBuilder<string>();
        switch (inputs.Command)
        {
            case DaggerCommand.Up:
                arguments.Add("up");
                AddPlan(arguments, inputs.Plan);
                AddEnvironment(arguments, inputs.Environment);
                break;
            case DaggerCommand.Compute:
                arguments.Add("compute");
                arguments.Add(inputs.Plan ?? ".");
                break;
            case DaggerCommand.Query:
                arguments.Add("query");
                AddPlan(arguments, inputs.Plan);
                AddEnvironment(arguments, inputs.Environment);
                break;
        }

        arguments.Add("--log-format");
        arguments.Add("json");
        arguments.AddRange(inputs.Args);

        var executable = ToolLocator.Find("dagger", environment)
            ?? throw new ActionException(ActionCodes.ToolNotStarted, "dagger is not on PATH: let the action install it (leave 'install-only' unset and run it through action.yml), or install it first (dotnet tool install Dagger.Tool)");

        return new DaggerInvocation(
            executable,
            arguments.ToImmutable(),
            workdir,
            ChildEnvironment(inputs, environment),
            Path.GetFullPath(Path.Combine(workdir, inputs.Plan ?? ".")));
    }

    /// <summary>The values of the plan's secrets given on the command line (<c>--input-secret K=VAR</c>), from the environment.</summary>
    public static IEnumerable<string> SecretValues(IEnumerable<string> arguments, ActionEnvironment environment)
    {
        var list = arguments.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            string? spec = null;
            if (list[i] == "--input-secret" && i + 1 < list.Count)
            {
                spec = list[++i];
            }
            else if (list[i].StartsWith("--input-secret=", StringComparison.Ordinal))
            {
                spec = list[i]["--input-secret=".Length..];
            }

            var equals = spec?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (spec is not null && equals > 0 && environment.Get(spec[(equals + 1)..]) is { } value)
            {
                yield return value;
            }
        }
    }

    private static void AddPlan(ImmutableArray<string>.Builder arguments, string? plan)
    {
        if (plan is not null)
        {
            arguments.Add("-p");
            arguments.Add(plan);
        }
    }

    private static void AddEnvironment(ImmutableArray<string>.Builder arguments, string? environment)
    {
        if (environment is not null)
        {
            arguments.Add("-e");
            arguments.Add(environment);
        }
    }

    // The tool gets the step's environment without the action's inputs: the token and the age key are the action's
    // alone, and the age key reaches the tool only as the variable it reads.
    private static ImmutableDictionary<string, string> ChildEnvironment(ActionInputs inputs, ActionEnvironment environment)
    {
        var child = environment.Variables.ToBuilder();
        foreach (var key in child.Keys.Where(k => k.StartsWith("INPUT_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            child.Remove(key);
        }

        child.Remove(AgeKeyVariable);
        if (inputs.AgeKey is not null)
        {
            child[AgeKeyVariable] = inputs.AgeKey;
        }

        // The tool decides nothing from a terminal here, but make sure it never waits for one.
        child["CI"] = environment.Get("CI") ?? "true";
        return child.ToImmutable();
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@,+%".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
