using System.Diagnostics;
using System.Text.Json;
using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.EndToEnd;

/// <summary>
/// <c>examples/dotnet</c> on the real engine, as CI runs it: the hermetic .NET images stand in for
/// mcr.microsoft.com's, the NuGet packages come from a local folder feed (the containers have no network), and the
/// app's image is pushed to the rig's registry.
/// </summary>
[TestClass]
public sealed class DotnetExampleTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Restores_builds_tests_publishes_and_pushes_then_reuses_the_restore_packs_and_pushes_a_package_then_fails_on_a_failing_test()
    {
        var docker = await EngineEndpoint.GetDockerAsync(TestContext.CancellationToken);
        var clock = Stopwatch.StartNew();
        await TestImages.EnsureDotnetAsync(docker.OriginalString, TestContext.CancellationToken);
        TestContext.WriteLine($"images: {clock.Elapsed}");

        var work = Directory.CreateTempSubdirectory("dagger-dotnet-example-").FullName;
        var source = Path.Combine(work, "dotnet");
        Copy(Path.Combine(RepoPaths.RepoRoot, "examples", "dotnet"), source);
        var feed = Path.Combine(work, "feed");
        var packages = await NuGetFeed.CreateAsync(Path.Combine(source, "Example.slnx"), feed, TestContext.CancellationToken);
        Assert.IsGreaterThan(5, packages, "MSTest and the test SDK bring their dependencies");
        var target = $"{Rig.Current.Registry.Host}/hello:{Guid.NewGuid():N}";
        string[] up =
        [
            "up", "--log-format", "json", "-p", Path.Combine(source, "ci"),
            "--input-dir", "source=" + source, "--input-dir-exclude", "source=ci",
            "--input-dir", "feed=" + feed,
            "--input-string", "sdk=" + TestImages.DotnetSdk,
            "--input-string", "runtime=" + TestImages.DotnetRuntime,
            "--input-string", "target=" + target,
        ];

        // 1. The whole pipeline: the counts of a real test run come back into CUE, the image is pushed.
        clock.Restart();
        var (code, _, error) = await DaggerRun.OnRigAsync(up);
        TestContext.WriteLine($"first run: {clock.Elapsed}");
        Assert.AreEqual(0, code, Tail(error));
        var outputs = Outputs(error);
        Assert.AreEqual("""{"passed":5,"failed":0,"skipped":0,"total":5,"failures":[]}""", outputs["tests"].GetRawText());
        StringAssert.StartsWith(outputs["digest"].GetString(), "sha256:");

        // 2. One source file changed: the restore is answered from the cache, the build runs again.
        var greeter = Path.Combine(source, "src", "Greetings", "Greeter.cs");
        // A change no earlier run made, or the engine would answer the build from its cache too.
        await File.AppendAllTextAsync(greeter, $"\n// A change that restoring does not read: {Guid.NewGuid()}\n", TestContext.CancellationToken);
        clock.Restart();
        (code, _, error) = await DaggerRun.OnRigAsync(up);
        TestContext.WriteLine($"second run: {clock.Elapsed}");
        Assert.AreEqual(0, code, Tail(error));
        var ops = Events(error, "op.completed").ToList();
        // The restore's exec copies the project files in, then runs dotnet restore (its description is cut short).
        var restores = ops.Where(o => o.GetProperty("description").GetString()!.StartsWith("exec /bin/sh -c mkdir -p /src && cp -a /project/.", StringComparison.Ordinal)).ToList();
        Assert.IsNotEmpty(restores, "the restore's op is in the events");
        Assert.IsTrue(restores.All(o => o.GetProperty("cached").GetBoolean()), "the restore is reused: " + string.Join("\n", restores));
        var builds = ops.Where(o => o.GetProperty("description").GetString()!.StartsWith("exec dotnet build", StringComparison.Ordinal)).ToList();
        Assert.IsTrue(builds.Any(o => !o.GetProperty("cached").GetBoolean()), "the build runs again on the changed source");
        Assert.AreEqual(5, Outputs(error)["tests"].GetProperty("passed").GetInt32());

        // 3. The library packed at a version and pushed with an API key, on the same restore and build (from the
        // cache): a folder inside the SDK image stands for the feed, since the containers have no network.
        var packPlan = Path.Combine(work, "pack");
        Directory.CreateDirectory(packPlan);
        await File.WriteAllTextAsync(Path.Combine(packPlan, "main.cue"), """
            package pack

            import (
            	"alpha.dagger.io/dagger"
            	"alpha.dagger.io/dotnet"
            )

            source: dagger.#Artifact @dagger(input)
            feed:   dagger.#Artifact @dagger(input)
            sdk:    string @dagger(input)
            key:    dagger.#Secret @dagger(input)

            restore: dotnet.#Restore & {"source": source, project: "Example.slnx", "sdk": sdk, feeds: local: feed}
            build:   dotnet.#Build & {"restore": restore}
            pack:    dotnet.#Pack & {"build": build, project: "src/Greetings/Greetings.csproj", version: "1.2.3"}
            push:    dotnet.#Push & {packages: pack.output, source: "/tmp", apiKey: key, "sdk": sdk}
            pushed:  push.pushed @dagger(output)
            """, TestContext.CancellationToken);
        const string Key = "nuget-key-4f9a1c-plaintext";
        var keyVariable = "DAGGER_TEST_NUGET_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(keyVariable, Key);
        try
        {
            clock.Restart();
            (code, _, error) = await DaggerRun.OnRigAsync(
                "up", "--log-format", "json", "-p", packPlan,
                "--input-dir", "source=" + source, "--input-dir-exclude", "source=ci",
                "--input-dir", "feed=" + feed,
                "--input-string", "sdk=" + TestImages.DotnetSdk,
                "--input-secret", "key=" + keyVariable);
            TestContext.WriteLine($"pack and push: {clock.Elapsed}");
        }
        finally
        {
            Environment.SetEnvironmentVariable(keyVariable, null);
        }

        Assert.AreEqual(0, code, Tail(error));
        Assert.AreEqual("Greetings.1.2.3.nupkg\n", Outputs(error)["pushed"].GetString());
        StringAssert.Contains(error, "Your package was pushed.");
        Assert.IsFalse(error.Contains(Key, StringComparison.Ordinal), "the API key is in no event");

        // 4. A failing test fails the run, naming the test.
        var tests = Path.Combine(source, "tests", "Greetings.Tests", "GreeterTests.cs");
        var text = await File.ReadAllTextAsync(tests, TestContext.CancellationToken);
        await File.WriteAllTextAsync(tests, text.Replace("Assert.AreEqual(\"Hello, Ada!\", Greeter.Greet(\"Ada\"))", "Assert.AreEqual(\"Hello, Bob!\", Greeter.Greet(\"Ada\"))", StringComparison.Ordinal), TestContext.CancellationToken);
        clock.Restart();
        (code, _, error) = await DaggerRun.OnRigAsync(up);
        TestContext.WriteLine($"failing run: {clock.Elapsed}");
        Assert.AreNotEqual(0, code, "a failing test fails up");
        // The failing exec is spliced into every task that reads the test run: whichever ran it reports it.
        var failed = Events(error, "task.failed").ToList();
        Assert.IsTrue(
            failed.Any(e => e.GetProperty("code").GetString() == "DAG4001" && e.GetProperty("logTail").GetRawText().Contains("failed: Greets_a_person_by_name", StringComparison.Ordinal)),
            "the error names the failing test: " + string.Join("\n", failed));
        Assert.IsTrue(
            failed.Any(e => e.GetProperty("message").GetString()!.EndsWith("after \"failed: Greets_a_person_by_name\"", StringComparison.Ordinal)),
            "its one-line message too, as front doors show it: " + string.Join("\n", failed));
        Assert.AreEqual("failure", Events(error, "run.completed").Single().GetProperty("result").GetString());
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Contains("bin") || parts.Contains("obj") || relative.Contains("alpha.dagger.io", StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }

    private static IEnumerable<JsonElement> Events(string stderr, string name) =>
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("event").GetString() == name);

    private static Dictionary<string, JsonElement> Outputs(string stderr) =>
        Events(stderr, "run.completed").Single().GetProperty("outputs").EnumerateArray()
            .ToDictionary(o => o.GetProperty("path").GetString()!, o => o.GetProperty("value"));

    private static string Tail(string stderr) => string.Join("\n", stderr.Split('\n').TakeLast(30));
}
