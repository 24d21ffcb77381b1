using Dagger.Cue.UnitTests.Conformance;
using Dagger.Cue.UnitTests.Differential;

namespace Dagger.Cue.UnitTests.Fidelity;

/// <summary>
/// <c>dagger cue</c> on the programs of <see cref="FidelityCases"/>: each prints what the table says, and the
/// reference CUE prints the same (so the table itself is checked).
/// </summary>
[TestClass]
public sealed class FidelityTests
{
    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Cases => FidelityCases.All.Select(c => new object[] { c.Name });

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task Dagger_cue_prints(string name)
    {
        var c = FidelityCases.All.Single(x => x.Name == name);
        var dir = Directory.CreateTempSubdirectory("cue-fidelity-").FullName;
        try
        {
            c.WriteTo(dir);
            var cue = CueCommand.Resolve();
            var r = await ProcessRunner.RunAsync(cue.FileName, cue.With(c.Args), dir, TimeSpan.FromSeconds(60), TestContext.CancellationToken);
            Assert.AreEqual(c.Stdout, r.Stdout, $"stderr: {r.Stderr}");
            Assert.AreEqual(c.ExitCode, r.ExitCode, $"stderr: {r.Stderr}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public async Task The_reference_prints_what_the_table_says()
    {
        var root = Directory.CreateTempSubdirectory("cue-fidelity-ref-").FullName;
        var jobs = new List<OracleJob>();
        foreach (var c in FidelityCases.All)
        {
            var dir = Path.Combine(root, c.Name);
            c.WriteTo(dir);
            jobs.Add(new OracleJob(dir, c.Args));
        }

        var results = await OracleBatch.RunAsync(jobs, 1, TimeSpan.FromSeconds(120), TestContext.CancellationToken);
        var wrong = new List<string>();
        for (var i = 0; i < jobs.Count; i++)
        {
            var c = FidelityCases.All[i];
            if (results[i].Stdout != c.Stdout || results[i].ExitCode != c.ExitCode)
            {
                wrong.Add($"{c.Name}: the reference exits {results[i].ExitCode} and prints\n{results[i].Stdout}{results[i].Stderr}");
            }
        }

        Directory.Delete(root, recursive: true);
        Assert.IsEmpty(wrong, string.Join("\n", wrong));
    }
}
