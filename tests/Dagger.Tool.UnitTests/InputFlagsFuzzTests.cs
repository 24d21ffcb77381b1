using System.CommandLine;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.TestRig;
using Dagger.Tool.Commands;

namespace Dagger.Tool.UnitTests;

/// <summary>
/// Issue 17: the values of the <c>--input-*</c> flags of <c>compute</c> and <c>up</c>, mutated and random, parse into
/// inputs or fail with the coded usage error (DAG5001); never another exception. In process: the options are parsed
/// by System.CommandLine and turned into the run's inputs exactly as the commands do, without running anything.
/// </summary>
[TestClass]
public sealed class InputFlagsFuzzTests
{
    private static readonly string[] Flags =
    [
        "--input-string", "--input-bool", "--input-json", "--input-yaml", "--input-file", "--input-dir", "--input-dir-include",
        "--input-dir-exclude", "--input-git", "--input-secret", "--input-socket",
    ];

    private static readonly string[] Tokens = ["=", "#", "a.b", "\"x\"", "-", "--", "@", "./", "../", "/", "*", "**", "true", "false", "HOME", "https://", "..."];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Mutated_input_flag_values_become_inputs_or_a_usage_error()
    {
        var folder = Directory.CreateDirectory(Path.Combine(TestContext.TestResultsDirectory ?? Path.GetTempPath(), "input-flags-fuzz")).FullName;
        var json = Path.Combine(folder, "values.json");
        var yaml = Path.Combine(folder, "values.yaml");
        await System.IO.File.WriteAllTextAsync(json, "{\"a\": 1}", TestContext.CancellationToken);
        await System.IO.File.WriteAllTextAsync(yaml, "a: 1\n", TestContext.CancellationToken);
        string[] seeds =
        [
            "name=hello", "a.b.c=with spaces = and equals", "flag=true", "flag=false", $"cfg={json}", json, $"cfg={yaml}", yaml,
            $"src={folder}", "src=*.cs", "src=bin/", "repo=https://github.com/example/repo.git#main", "repo=git@example.com:x/y",
            "token=HOME", "docker=/var/run/docker.sock", "\"quoted\".key=x", "=no-key", "no-equals", string.Empty,
        ];

        string[] Next(Random random)
        {
            var mutator = new TextMutator(random, Tokens);
            var args = new List<string>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                args.Add(Flags[random.Next(Flags.Length)]);
                args.Add(random.Next(4) == 0 ? mutator.Noise(40) : mutator.Mutate(seeds[random.Next(seeds.Length)]));
            }

            // A command line cannot hold a NUL (argv entries are C strings).
            return [.. args.Select(a => a.Replace("\0", string.Empty, StringComparison.Ordinal))];
        }

        var report = await FuzzRunner.RunAsync(
            "input flags",
            FuzzBudget.Count,
            FuzzBudget.Seed,
            random => string.Join('\u001f', Next(random)),
            input => Check(input.Split('\u001f'), folder),
            TimeSpan.FromSeconds(10),
            TestContext.CancellationToken);
        TestContext.WriteLine(report.ToString());

        Assert.IsEmpty(report.Failures, "(arguments separated by ␟) " + report.Describe().Replace('\u001f', '␟'));
        Assert.IsGreaterThan(0, report.Count("accepted"), report.ToString());
        Assert.IsGreaterThan(0, report.Count("DAG5001"), report.ToString());
    }

    [TestMethod]
    [DataRow("--input-json", "cfg=")]
    [DataRow("--input-yaml", "")]
    public void A_document_flag_without_a_file_is_a_usage_error(string flag, string value)
    {
        var e = Assert.ThrowsExactly<DaggerException>(() => Request(flag, value));
        Assert.AreEqual(ErrorCodes.Usage, e.Code);
        Assert.AreEqual($"{flag} expects [K=]FILE, got \"{value}\" (no file)", e.Message);
    }

    [TestMethod]
    [DataRow("--input-string", "@./")]
    [DataRow("--input-dir", "@/")]
    public void A_value_starting_with_an_at_sign_is_a_value_not_a_response_file(string flag, string value)
    {
        // System.CommandLine read such a token as a response file, and a folder threw UnauthorizedAccessException.
        var e = Assert.ThrowsExactly<DaggerException>(() => Request(flag, value));
        Assert.AreEqual(ErrorCodes.Usage, e.Code);
        Assert.AreEqual($"{flag} expects K=VALUE, got \"{value}\"", e.Message);
    }

    private static void Request(params string[] args)
    {
        var options = new RunOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var parse = command.Parse(args, Cli.Parsing);
        Assert.IsEmpty(parse.Errors);
        _ = options.Request(parse, Path.GetTempPath());
    }

    /// <summary>Parses one command line's input flags as <c>up</c> does.</summary>
    internal static string Check(string[] args, string planDirectory)
    {
        var options = new RunOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var parse = command.Parse(args, Cli.Parsing);
        if (parse.Errors.Count > 0)
        {
            // Cli reports these as DAG5001 before any command runs.
            return "usage error from the parser";
        }

        try
        {
            _ = options.Request(parse, planDirectory);
            return "accepted";
        }
        catch (DaggerException e) when (e.Code == ErrorCodes.Usage)
        {
            return e.Code.Id;
        }
    }
}
