using Dagger.Cue.UnitTests.Conformance;
using Dagger.Cue.UnitTests.Differential;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;

namespace Dagger.Cue.UnitTests.Modules;

/// <summary>
/// Packages over a module: the acceptance case (<see cref="TwoPackagePlan"/>) must export the same bytes as the
/// reference CUE, through the command line, through the API and with the vendored packages given as an overlay.
/// </summary>
[TestClass]
public sealed class ModuleTests
{
    private static readonly string[][] Packages = [["export"], ["export", "."], ["export", "./steps"], ["export", "example.com/plan/steps"], ["export", "./prod"], ["export", "vendor.org/lib/util"], ["export", "./steps", "."], ["export", "--out", "yaml", "."]];

    public TestContext TestContext { get; set; } = null!;

    private Task<ProcessResult[]> OracleAsync(string dir, IEnumerable<string[]> commands) =>
        OracleBatch.RunAsync(commands.Select(c => new OracleJob(dir, c)).ToList(), 1, TimeSpan.FromSeconds(60), TestContext.CancellationToken);

    private Task<ProcessResult> OursAsync(string dir, string[] args)
    {
        var cue = CueCommand.Resolve();
        return ProcessRunner.RunAsync(cue.FileName, cue.With(args), dir, TimeSpan.FromSeconds(60), TestContext.CancellationToken);
    }

    private static string ExportJson(string dir, string arg, IReadOnlyDictionary<string, string>? overlay = null) =>
        CueContext.RunWithLargeStack(() => new CueContext().Load(dir, [arg], overlay).ToJson() + "\n");

    [TestMethod]
    public async Task A_plan_over_two_packages_and_vendored_imports_exports_like_the_reference()
    {
        var dir = TwoPackagePlan.Write(TwoPackagePlan.Module);
        var reference = await OracleAsync(dir, Packages);
        for (var i = 0; i < Packages.Length; i++)
        {
            Assert.AreEqual(0, reference[i].ExitCode, $"reference {string.Join(" ", Packages[i])}: {reference[i].Stderr}");
            var ours = await OursAsync(dir, Packages[i]);
            Assert.AreEqual(0, ours.ExitCode, $"{string.Join(" ", Packages[i])}: {ours.Stderr}");
            Assert.AreEqual(reference[i].Stdout, ours.Stdout, string.Join(" ", Packages[i]));
        }

        StringAssert.Contains(reference[0].Stdout, "\"label\": \"BUILD\"");
        StringAssert.Contains(reference[4].Stdout, "\"replicas\": 3");
        Assert.AreEqual(reference[1].Stdout, ExportJson(dir, "."));
        Assert.AreEqual(reference[2].Stdout, ExportJson(dir, "example.com/plan/steps"));
        Directory.Delete(dir, recursive: true);
    }

    [TestMethod]
    public async Task Vendored_packages_given_as_an_overlay_load_like_files_on_disk()
    {
        var onDisk = TwoPackagePlan.Write(TwoPackagePlan.Module);
        var reference = (await OracleAsync(onDisk, [["export", "."]]))[0];
        Assert.AreEqual(0, reference.ExitCode, reference.Stderr);

        // Nothing vendored on disk: the overlay supplies the packages (keys relative to the load directory).
        var bare = TwoPackagePlan.Write(TwoPackagePlan.Module, f => !f.StartsWith("cue.mod/pkg/", StringComparison.Ordinal));
        var overlay = TwoPackagePlan.Vendored.ToDictionary(f => f.Key, f => f.Value);
        Assert.AreEqual(reference.Stdout, ExportJson(bare, ".", overlay));
        Assert.IsFalse(Directory.Exists(Path.Combine(bare, "cue.mod", "pkg")), "the overlay writes nothing");

        // A stale vendored copy on disk is replaced by the overlay file at the same (absolute) path.
        var stale = TwoPackagePlan.Write(TwoPackagePlan.Module);
        File.WriteAllText(Path.Combine(stale, "cue.mod/pkg/vendor.org/lib/util/util.cue"), "package util\n#Name: int\n");
        var absolute = TwoPackagePlan.Vendored.ToDictionary(f => Path.Combine(stale, f.Key), f => f.Value);
        Assert.AreEqual(reference.Stdout, ExportJson(stale, ".", absolute));
        var e = Assert.Throws<CueEvalException>(() => ExportJson(stale, "."));
        Assert.AreEqual(
            "build.name: conflicting values int and \"build\" (mismatched types int and string):\n    ./cue.mod/pkg/vendor.org/lib/util/util.cue:2:8\n    ./plan.cue:10:8\n"
            + "test.name: conflicting values int and \"test\" (mismatched types int and string):\n    ./cue.mod/pkg/vendor.org/lib/util/util.cue:2:8\n    ./plan.cue:14:26",
            e.Message);

        // The overlay also makes a module of a folder without cue.mod, and its files can be the plan itself.
        var empty = Directory.CreateTempSubdirectory("cue-overlay-").FullName;
        Assert.AreEqual("{\n    \"s\": \"\\u003cok\\u003e\"\n}\n", ExportJson(empty, ".", new Dictionary<string, string>
        {
            ["main.cue"] = "package main\nimport \"x.org/p\"\ns: p.v\n",
            ["cue.mod/pkg/x.org/p/p.cue"] = "package p\nv: \"<ok>\"\n",
        }));
        Assert.IsEmpty(Directory.GetFileSystemEntries(empty));

        foreach (var d in new[] { onDisk, bare, stale, empty })
        {
            Directory.Delete(d, recursive: true);
        }
    }

    [TestMethod]
    public void An_import_cycle_is_reported_with_the_chain_and_the_import_that_closes_it()
    {
        // The reference v0.4.0-beta.1 does not terminate on this module (see Errors/README.md).
        var dir = TwoPackagePlan.Write(new Dictionary<string, string>
        {
            ["cue.mod/module.cue"] = "module: \"example.com/c\"\n",
            ["root.cue"] = "package root\n\nimport \"example.com/c/a\"\n\nr: a.x\n",
            ["a/a.cue"] = "package a\n\nimport \"example.com/c/b\"\n\nx: b.y\n",
            ["b/b.cue"] = "package b\n\nimport \"example.com/c/a\"\n\ny: 1\nz: a.x\n",
        });
        var e = Assert.Throws<CueEvalException>(() => ExportJson(dir, "."));
        Assert.AreEqual("import cycle not allowed: example.com/c/a imports example.com/c/b imports example.com/c/a:\n    ./b/b.cue:3:8", e.Message);
        var self = Assert.Throws<CueEvalException>(() => ExportJson(dir, "./b"));
        Assert.AreEqual("import cycle not allowed: example.com/c/a imports example.com/c/b imports example.com/c/a:\n    ./b/b.cue:3:8", self.Message);
        Directory.Delete(dir, recursive: true);
    }

    [TestMethod]
    public async Task A_folder_with_several_packages_needs_a_name()
    {
        var dir = TwoPackagePlan.Write(new Dictionary<string, string>
        {
            ["multi/f.cue"] = "package foo\nf: 1\n",
            ["multi/b.cue"] = "package bar\nb: 2\n",
            ["multi/anon.cue"] = "g: 3\n",
        });
        var ambiguous = Assert.Throws<CueEvalException>(() => ExportJson(dir, "./multi"));
        Assert.AreEqual("found packages \"bar\" (b.cue) and foo (f.cue) in \"./multi\"; select one with ./multi:bar", ambiguous.Message);
        var missing = Assert.Throws<CueEvalException>(() => ExportJson(dir, "./multi:baz"));
        Assert.AreEqual("no CUE files of package baz in \"./multi\":\n    multi/anon.cue: no package name\n    multi/b.cue: package is bar, want baz\n    multi/f.cue: package is foo, want baz", missing.Message);

        string[][] picks = [["export", "./multi:foo"], ["export", "./multi:_"], ["export", "./multi:bar"]];
        var reference = await OracleAsync(dir, picks);
        for (var i = 0; i < picks.Length; i++)
        {
            Assert.AreEqual(0, reference[i].ExitCode, reference[i].Stderr);
            Assert.AreEqual(reference[i].Stdout, ExportJson(dir, picks[i][1]), picks[i][1]);
        }

        Assert.AreEqual("cannot find package \"./nothere\"", Assert.Throws<CueEvalException>(() => ExportJson(dir, "./nothere")).Message);
        Directory.CreateDirectory(Path.Combine(dir, "empty"));
        File.WriteAllText(Path.Combine(dir, "empty", "_ignored.cue"), "a: 1\n");
        Assert.AreEqual("no CUE files in ./empty", Assert.Throws<CueEvalException>(() => ExportJson(dir, "./empty")).Message);
        var two = Assert.Throws<CueEvalException>(() => CueContext.RunWithLargeStack(() => new CueContext().Load(dir, ["./multi:foo", "./multi:bar"])));
        Assert.AreEqual("2 packages given (./multi:foo, ./multi:bar); load them one at a time", two.Message);
        var both = CueContext.RunWithLargeStack(() => new CueContext().LoadInstances(dir, ["./multi:foo", "./multi:bar"]).Select(v => v.ToJson(indent: false)).ToList());
        CollectionAssert.AreEqual(new[] { "{\"f\":1}", "{\"b\":2}" }, both);
        Assert.AreEqual("cannot find package \"strings\"", Assert.Throws<CueEvalException>(() => ExportJson(dir, "strings")).Message);
        var mixed = await OursAsync(dir, ["export", "multi/f.cue", "./multi:foo"]);
        Assert.AreEqual(1, mixed.ExitCode);
        Assert.AreEqual("cannot mix files and packages on one command line: \"multi/f.cue\" and \"./multi:foo\"\n", mixed.Stderr);
        Directory.Delete(dir, recursive: true);
    }
}
