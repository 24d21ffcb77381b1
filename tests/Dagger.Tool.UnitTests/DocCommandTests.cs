using System.Text.Json;
using Dagger.Runtime.Engine.Plans;
using Dagger.TestRig;
using Dagger.Tool.Testing;

namespace Dagger.Tool.UnitTests;

[TestClass]
public sealed class DocCommandTests
{
    [TestMethod]
    public async Task Docs_universe_is_what_dagger_doc_writes_from_the_embedded_packages()
    {
        var dir = Directory.CreateTempSubdirectory("dagger-doc-").FullName;
        var (code, output, error) = await DaggerRun.RunAsync("doc", "-o", dir);
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, $"{PackageDocs.Packages.Count} packages");

        var committed = Path.Combine(RepoPaths.RepoRoot, "docs", "universe");
        var stale = "docs/universe is stale: regenerate it with `scripts/dagger doc -o docs/universe`";
        CollectionAssert.AreEquivalent(
            Directory.GetFiles(dir).Select(Path.GetFileName).ToList(),
            Directory.Exists(committed) ? Directory.GetFiles(committed).Select(Path.GetFileName).ToList() : [],
            stale);
        foreach (var file in Directory.GetFiles(dir))
        {
            Assert.AreEqual(await File.ReadAllTextAsync(file), await File.ReadAllTextAsync(Path.Combine(committed, Path.GetFileName(file))), $"{Path.GetFileName(file)}: {stale}");
        }
    }

    [TestMethod]
    public async Task Doc_prints_a_package_s_definitions_with_their_inputs_and_outputs()
    {
        var (code, output, error) = await DaggerRun.RunAsync("doc", "os");
        Assert.AreEqual(0, code, error);
        StringAssert.StartsWith(output, "Package alpha.dagger.io/os\n");
        StringAssert.Contains(output, "\nos.#Container\n  A container that runs a command");

        (code, output, error) = await DaggerRun.RunAsync("doc", "alpha.dagger.io/dotnet", "-f", "json");
        Assert.AreEqual(0, code, error);
        using var doc = JsonDocument.Parse(output);
        var restore = doc.RootElement.GetProperty("definitions").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "dotnet.#Restore");
        var sdk = restore.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "sdk");
        Assert.AreEqual("*\"mcr.microsoft.com/dotnet/sdk:10.0\" | string", sdk.GetProperty("type").GetString(), "the default image is in the type");
        var test = doc.RootElement.GetProperty("definitions").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "dotnet.#Test");
        Assert.AreEqual("results", test.GetProperty("outputs")[0].GetProperty("name").GetString());
        var testInputs = test.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("type").GetString());
        Assert.AreEqual("string", testInputs["filter"], "an optional input (filter?) is an input too");
        Assert.AreEqual("#Build", testInputs["build"], "a value made from a definition shows the definition");

        (code, output, error) = await DaggerRun.RunAsync("doc", "os", "-f", "json");
        Assert.AreEqual(0, code, error);
        using var os = JsonDocument.Parse(output);
        var file = os.RootElement.GetProperty("definitions").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "os.#File");
        var write = file.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "write");
        Assert.AreEqual("*null | struct", write.GetProperty("type").GetString(), "the default, then what may replace it");

        (code, output, _) = await DaggerRun.RunAsync("doc");
        Assert.AreEqual(0, code);
        Assert.HasCount(PackageDocs.Packages.Count, output.TrimEnd('\n').Split('\n'), "one line a package");
    }

    [TestMethod]
    public async Task Doc_of_an_unknown_package_is_a_usage_error_that_lists_the_packages()
    {
        var (code, _, error) = await DaggerRun.RunAsync("doc", "nosuch");
        Assert.AreEqual(2, code);
        StringAssert.Contains(error, "nosuch: no such package; the packages are alpha.dagger.io/alpine");
    }
}
