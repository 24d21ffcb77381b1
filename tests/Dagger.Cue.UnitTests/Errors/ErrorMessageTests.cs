using Dagger.Cue.UnitTests.Conformance;
using Dagger.Cue.UnitTests.Differential;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;

namespace Dagger.Cue.UnitTests.Errors;

/// <summary>
/// The text of our CUE errors, case by case (<see cref="ErrorCases"/>), and the claim behind each case: that the
/// reference CUE prints exactly the same, or, for a documented difference, something else.
/// </summary>
[TestClass]
public sealed class ErrorMessageTests
{
    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Cases => ErrorCases.All.Select(c => new object[] { c.Name });

    private static ErrorCase Case(string name) => ErrorCases.All.Single(c => c.Name == name);

    private static string OurError(string source) => CueContext.RunWithLargeStack(() =>
    {
        try
        {
            var json = new CueContext().Compile(source, "x.cue").ToJson();
            throw new AssertFailedException($"export succeeded: {json}");
        }
        catch (CueEvalException e)
        {
            return e.Message;
        }
    });

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Export_reports(string name)
    {
        var c = Case(name);
        Assert.AreEqual(c.Expected, OurError(c.Source));
    }

    [TestMethod]
    public async Task The_reference_prints_the_same_text_unless_a_difference_is_documented()
    {
        var root = Directory.CreateTempSubdirectory("cue-errors-").FullName;
        var jobs = new List<OracleJob>();
        foreach (var c in ErrorCases.All)
        {
            var dir = Path.Combine(root, c.Name);
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, "x.cue"), c.Source, TestContext.CancellationToken);
            jobs.Add(new OracleJob(dir, ["export", "x.cue"]));
        }

        var results = await OracleBatch.RunAsync(jobs, 1, TimeSpan.FromSeconds(60), TestContext.CancellationToken);
        var wrong = new List<string>();
        for (var i = 0; i < jobs.Count; i++)
        {
            var c = ErrorCases.All[i];
            var r = results[i];
            if (r.ExitCode != 1)
            {
                wrong.Add($"{c.Name}: the reference exited with {r.ExitCode}: {r.Stderr}");
            }
            else if (c.Difference is null && r.Stderr != c.Expected + "\n")
            {
                wrong.Add($"{c.Name}: the reference prints\n{r.Stderr}");
            }
            else if (c.Difference is not null && r.Stderr == c.Expected + "\n")
            {
                wrong.Add($"{c.Name}: documented as different, but the reference prints the same");
            }
        }

        Directory.Delete(root, recursive: true);
        Assert.IsEmpty(wrong, string.Join("\n", wrong));
    }

    [TestMethod]
    public async Task The_command_line_prints_every_error_and_exits_1()
    {
        var c = Case("several-errors-sorted-by-path");
        var dir = Directory.CreateTempSubdirectory("cue-errors-cli-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "x.cue"), c.Source, TestContext.CancellationToken);
        var cue = CueCommand.Resolve();
        foreach (var args in new[] { new[] { "export", "x.cue" }, ["eval", "x.cue"], ["vet", "x.cue"], ["export", "."] })
        {
            var r = await ProcessRunner.RunAsync(cue.FileName, cue.With(args), dir, TimeSpan.FromSeconds(60), TestContext.CancellationToken);
            Assert.AreEqual(1, r.ExitCode, string.Join(" ", args));
            Assert.AreEqual("", r.Stdout, string.Join(" ", args));
            Assert.AreEqual(c.Expected + "\n", r.Stderr, string.Join(" ", args));
        }

        Directory.Delete(dir, recursive: true);
    }

    [TestMethod]
    public void The_exception_lists_the_errors_with_paths_and_positions()
    {
        var e = Assert.Throws<CueEvalException>(() => CueContext.RunWithLargeStack(() => new CueContext().Compile("b: 1 & 2\na: {c: 3 & 4}\n", "x.cue").ToJson()));
        Assert.IsFalse(e.Incomplete);
        Assert.HasCount(2, e.Errors);
        Assert.AreEqual("a.c", e.Errors[0].Path);
        Assert.AreEqual("conflicting values 4 and 3", e.Errors[0].Message);
        CollectionAssert.AreEqual(new[] { "./x.cue:2:8", "./x.cue:2:12" }, e.Errors[0].Positions.Select(CueError.Display).ToArray());
        Assert.AreEqual("b", e.Errors[1].Path);

        var incomplete = Assert.Throws<CueEvalException>(() => CueContext.RunWithLargeStack(() => new CueContext().Compile("x: {y: string}\nz: int\n", "x.cue").ToJson()));
        Assert.IsTrue(incomplete.Incomplete);
        CollectionAssert.AreEqual(new[] { "x.y", "z" }, incomplete.Errors.Select(x => x.Path).ToArray());
    }
}
