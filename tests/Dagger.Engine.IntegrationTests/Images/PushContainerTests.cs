using System.Text.Json;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Runs;
using Dagger.TestRig;

namespace Dagger.Engine.IntegrationTests.Images;

/// <summary>
/// The original's push-container contract (spec §5.1 #16) against the rig's loopback registry: push, pull back, and
/// image metadata kept through docker-build → push → fetch → push.
/// </summary>
[TestClass]
public sealed class PushContainerTests
{
    public TestContext TestContext { get; set; } = null!;

    internal static async Task<RunOutcome> RunPlanAsync(string cue, TestContext context, params PlanInput[] inputs)
    {
        var dir = await PlanFolder.CreateAsync("dagger-images-", cue, context.CancellationToken);
        var (outcome, _) = await EngineRun.RunAsync(new RunRequest { PlanDirectory = dir, Inputs = inputs, WithComputedJson = true }, context.CancellationToken);
        return outcome;
    }

    internal static JsonElement Computed(RunOutcome result) =>
        JsonDocument.Parse(EngineRun.Succeeded(result).ComputedJson!).RootElement.Clone();

    private static string NewTag() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>On a Docker Engine, pushes and saves leave the image tagged in its store: remove the test's tags.</summary>
    internal static async Task UntagAsync(params string[] names)
    {
        foreach (var name in names)
        {
            try
            {
                await Rig.Current.Docker.Images.DeleteImageAsync(name, new Docker.DotNet.Models.ImageDeleteParameters { Force = true });
            }
            catch (Docker.DotNet.DockerImageNotFoundException)
            {
                // Not there: nothing to clean.
            }
        }
    }

    [TestMethod]
    public async Task A_pushed_image_is_pulled_back_by_its_digest_with_its_content()
    {
        var registry = Rig.Current.Registry.Host;
        var tag = NewTag();
        var result = await RunPlanAsync($$""""
            package main

            TestPushRef: {
            	string
            	#up: [
            		{do: "fetch-container", ref: "dagger-test/busybox"},
            		{do: "exec", args: ["sh", "-c", "printf {{tag}} > /rand"]},
            		{do: "push-container", ref: "{{registry}}/ci-test:{{tag}}"},
            		{do: "export", source: "/dagger/image_ref"},
            	]
            }

            TestPushDigest: {
            	string
            	#up: [{do: "load", from: TestPushRef}, {do: "export", source: "/dagger/image_digest"}]
            }

            TestPull: {
            	string
            	#up: [{do: "fetch-container", ref: TestPushRef}, {do: "export", source: "/rand"}]
            }
            """", TestContext);

        var computed = Computed(result);
        using var api = new RegistryApi(registry);
        var (digest, _) = await api.GetAsync("ci-test", tag, TestContext.CancellationToken);
        Assert.AreEqual(digest, computed.GetProperty("TestPushDigest").GetString(), "image_digest is the manifest digest in the registry");
        Assert.AreEqual($"{registry}/ci-test:{tag}@{digest}", computed.GetProperty("TestPushRef").GetString());
        Assert.AreEqual(tag, computed.GetProperty("TestPull").GetString(), "the image fetched by its ref has the pushed content");
        Assert.AreEqual(tag, await api.ReadFileAsync("ci-test", tag, "/rand", TestContext.CancellationToken), "the registry's layers hold the file");
        Assert.AreEqual(2, result.Counts.Waves, "the pull waits for the push's exported ref");
        await UntagAsync($"{registry}/ci-test:{tag}");
    }

    [TestMethod]
    public async Task Image_metadata_survives_docker_build_push_fetch_and_push_again()
    {
        var registry = Rig.Current.Registry.Host;
        var tag = NewTag();
        var result = await RunPlanAsync($$""""
            package main

            TestBuildPush: {
            	string
            	#up: [
            		{do: "docker-build", label: "com.example.check": "{{tag}}", dockerfile: """
            			FROM dagger-test/busybox
            			ENV CHECK {{tag}}
            			WORKDIR /srv
            			"""},
            		{do: "push-container", ref: "{{registry}}/ci-test:{{tag}}-built"},
            		{do: "export", source: "/dagger/image_ref"},
            	]
            }

            TestPullCheck: {
            	string
            	#up: [
            		{do: "fetch-container", ref: TestBuildPush},
            		{do: "exec", args: ["sh", "-c", "test \"$CHECK\" = {{tag}} && printf \"$CHECK $PWD\" > /check"]},
            		{do: "export", source: "/check"},
            	]
            }

            TestPullPush: {
            	string
            	#up: [
            		{do: "fetch-container", ref: TestBuildPush},
            		{do: "push-container", ref: "{{registry}}/ci-test:{{tag}}-again"},
            		{do: "export", source: "/dagger/image_digest"},
            	]
            }
            """", TestContext);

        var computed = Computed(result);
        Assert.AreEqual($"{tag} /srv", computed.GetProperty("TestPullCheck").GetString());

        using var api = new RegistryApi(registry);
        var (builtDigest, built) = await api.GetAsync("ci-test", tag + "-built", TestContext.CancellationToken);
        var (againDigest, again) = await api.GetAsync("ci-test", tag + "-again", TestContext.CancellationToken);
        Assert.AreEqual(againDigest, computed.GetProperty("TestPullPush").GetString());
        foreach (var config in new[] { built, again })
        {
            var settings = config.GetProperty("config");
            CollectionAssert.Contains(settings.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToList(), $"CHECK={tag}");
            Assert.AreEqual("/srv", settings.GetProperty("WorkingDir").GetString());
            Assert.AreEqual(tag, settings.GetProperty("Labels").GetProperty("com.example.check").GetString());
        }

        Assert.StartsWith("sha256:", builtDigest);
        await UntagAsync($"{registry}/ci-test:{tag}-built", $"{registry}/ci-test:{tag}-again");
    }
}
