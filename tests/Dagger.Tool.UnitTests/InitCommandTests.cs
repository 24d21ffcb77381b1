using System.Text.Json;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Engine.Plans;

namespace Dagger.Tool.UnitTests;

[TestClass]
public sealed class InitCommandTests
{
    private const string OpPackage = "alpha.dagger.io/dagger/op/op.cue";

    private static string NewFolder() => Directory.CreateTempSubdirectory("dagger-init-").FullName;

    [TestMethod]
    public async Task Init_makes_a_cue_module_with_dagger_packages_that_plans_can_import()
    {
        var dir = Path.Combine(NewFolder(), "project");
        var (code, output, error) = await DaggerRun.RunAsync("init", dir);
        Assert.AreEqual(0, code, error);
        Assert.AreEqual("module: \"\"\n", await File.ReadAllTextAsync(Path.Combine(dir, "cue.mod", "module.cue")));
        foreach (var (relative, text) in EmbeddedPackages.Files)
        {
            Assert.AreEqual(text, await File.ReadAllTextAsync(Path.Combine(dir, "cue.mod", "pkg", relative)), relative);
        }

        StringAssert.Contains(output, "module.cue: created");
        StringAssert.Contains(output, $"vendored alpha.dagger.io ({PackageDocs.Packages.Count} packages, {EmbeddedPackages.Files.Count} of {EmbeddedPackages.Files.Count} files written)");

        await File.WriteAllTextAsync(Path.Combine(dir, "main.cue"), """
            package main

            import "alpha.dagger.io/dagger/op"

            step: op.#Mkdir & {path: "/app"}
            """);
        // As `dagger cue export` run in the folder: imports resolve from the module init made.
        var json = CueContext.RunWithLargeStack(() => new CueContext().Load(dir, []).ToJson());
        using var doc = JsonDocument.Parse(json);
        Assert.AreEqual("mkdir", doc.RootElement.GetProperty("step").GetProperty("do").GetString());
        Assert.AreEqual(0x1ED, doc.RootElement.GetProperty("step").GetProperty("mode").GetInt32(), "the package's defaults apply");
    }

    [TestMethod]
    public async Task Init_again_keeps_the_module_and_user_packages_and_repairs_changed_dagger_files()
    {
        var dir = NewFolder();
        Directory.CreateDirectory(Path.Combine(dir, "cue.mod", "pkg", "example.com", "mine"));
        await File.WriteAllTextAsync(Path.Combine(dir, "cue.mod", "module.cue"), "module: \"example.com/app\"\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "cue.mod", "pkg", "example.com", "mine", "mine.cue"), "package mine\n");

        var first = await DaggerRun.RunAsync("init", dir);
        Assert.AreEqual(0, first.Code, first.Err);
        StringAssert.Contains(first.Out, "already a CUE module");

        var second = await DaggerRun.RunAsync("init", dir);
        Assert.AreEqual(0, second.Code, second.Err);
        StringAssert.Contains(second.Out, "alpha.dagger.io is up to date");

        var op = Path.Combine(dir, "cue.mod", "pkg", OpPackage);
        await File.WriteAllTextAsync(op, "package op\n// edited\n");
        var third = await DaggerRun.RunAsync("init", dir);
        Assert.AreEqual(0, third.Code, third.Err);
        StringAssert.Contains(third.Out, $"({PackageDocs.Packages.Count} packages, 1 of {EmbeddedPackages.Files.Count} files written)");
        Assert.AreEqual(EmbeddedPackages.Files[OpPackage], await File.ReadAllTextAsync(op));

        Assert.AreEqual("module: \"example.com/app\"\n", await File.ReadAllTextAsync(Path.Combine(dir, "cue.mod", "module.cue")));
        Assert.AreEqual("package mine\n", await File.ReadAllTextAsync(Path.Combine(dir, "cue.mod", "pkg", "example.com", "mine", "mine.cue")));
    }

    [TestMethod]
    public async Task Init_on_a_file_is_an_error_without_stack_trace()
    {
        var file = Path.Combine(NewFolder(), "plan.cue");
        await File.WriteAllTextAsync(file, "x: 1\n");
        var (code, _, error) = await DaggerRun.RunAsync("init", file);
        Assert.AreEqual(2, code, "a file where a folder is wanted is a wrong argument");
        StringAssert.Contains(error, "dagger: error DAG5001: " + file + ": is a file, not a folder");
        Assert.DoesNotContain("   at ", error);
    }
}
