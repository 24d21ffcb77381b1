using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.EndToEnd;

/// <summary>
/// The packages of the universe that need the internet (alpine's apk installs, http, docker's remote engine
/// commands, git.#Commit's push) cannot run here: their LLB, printed by <c>dagger up --dry-run</c>, is checked
/// against a recorded expectation, Universe/internet.dry-run.json. After a deliberate change to a package, record
/// it again with DAGGER_RECORD=1.
/// </summary>
[TestClass]
public sealed partial class UniverseDryRunTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task The_packages_that_need_the_internet_compile_to_the_recorded_llb()
    {
        // alpine.#Image fetches index.docker.io/alpine:VERSION: the engine finds this tag in its own store.
        await Rig.Current.Docker.Images.TagImageAsync(TestImages.Busybox, new Docker.DotNet.Models.ImageTagParameters { RepositoryName = "alpine", Tag = "dagger-test" }, TestContext.CancellationToken);
        var folder = Path.Combine(RepoPaths.RepoRoot, "tests", "Dagger.Tool.IntegrationTests", "Universe");
        var (code, output, error) = await DaggerRun.OnRigAsync("up", "-p", Path.Combine(folder, "internet"), "--dry-run");
        Assert.AreEqual(0, code, error);
        Assert.IsFalse(Directory.Exists(Path.Combine(folder, "internet", "cue.mod", "pkg")), "nothing is vendored into the plan");

        var actual = Normalize(output);
        var expected = Path.Combine(folder, "internet.dry-run.json");
        if (Environment.GetEnvironmentVariable("DAGGER_RECORD") == "1")
        {
            await File.WriteAllTextAsync(expected, actual, TestContext.CancellationToken);
        }

        Assert.AreEqual(await File.ReadAllTextAsync(expected, TestContext.CancellationToken), actual, "the LLB changed: check the difference, then record it with DAGGER_RECORD=1");

        using var doc = JsonDocument.Parse(actual);
        var tasks = doc.RootElement.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("path").GetString()!);
        StringAssert.Contains(tasks["tools"].GetProperty("llb").GetRawText(), "\"apk\"", "apk installs the packages");
        Assert.AreEqual("waiting", tasks["loaded.save"].GetProperty("status").GetString(), "saving an image acts on the engine: only a run does it");
    }

    // Digests depend on the images in the engine's store, the platform on the machine: neither is the packages' doing.
    private static string Normalize(string dryRun)
    {
        var node = JsonNode.Parse(dryRun)!;
        Strip(node);
        var text = node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return Digest().Replace(text, "sha256:…") + "\n";

        static void Strip(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    o.Remove("platform");
                    foreach (var (_, child) in o.ToList())
                    {
                        Strip(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Strip(child);
                    }

                    break;
            }
        }
    }

    [GeneratedRegex("sha256:[0-9a-f]{64}")]
    private static partial Regex Digest();
}
