using Dagger.Cue.UnitTests.Conformance;
using Dagger.Cue.UnitTests.Differential;
using Dagger.Runtime.Engine.Plans;

namespace Dagger.Cue.UnitTests.Modules;

/// <summary>
/// Every package of the universe (the CUE packages embedded in the tool) is valid CUE: <c>cue vet</c> passes with our
/// evaluator and with the reference CUE, on the packages as <c>dagger init</c> vendors them.
/// </summary>
[TestClass]
public sealed class UniverseVetTests
{
    public TestContext TestContext { get; set; } = null!;

    private static string VendoredModule()
    {
        var dir = Directory.CreateTempSubdirectory("dagger-universe-vet-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "cue.mod"));
        File.WriteAllText(Path.Combine(dir, "cue.mod", "module.cue"), "module: \"example.com/vet\"\n");
        Assert.AreEqual(dir, EmbeddedPackages.VendorInto(dir));
        return dir;
    }

    [TestMethod]
    public async Task Every_package_is_vet_clean_with_our_evaluator_and_the_reference_cue()
    {
        var packages = PackageDocs.Packages;
        Assert.IsGreaterThanOrEqualTo(10, packages.Count, string.Join(", ", packages));
        var dir = VendoredModule();
        var ours = CueCommand.Resolve();
        var jobs = new List<OracleJob>();
        foreach (var package in packages)
        {
            var result = await ProcessRunner.RunAsync(ours.FileName, ours.With(["vet", "-c=false", package]), dir, TimeSpan.FromSeconds(60), TestContext.CancellationToken);
            Assert.AreEqual(0, result.ExitCode, $"dagger cue vet {package}:\n{result.Stderr}");
            jobs.Add(new OracleJob(dir, ["vet", "-c=false", package]));
        }

        var oracle = await OracleBatch.RunAsync(jobs, 1, TimeSpan.FromSeconds(120), TestContext.CancellationToken);
        for (var i = 0; i < packages.Count; i++)
        {
            Assert.AreEqual(0, oracle[i].ExitCode, $"reference cue vet {packages[i]}:\n{oracle[i].Stderr}");
        }
    }
}
