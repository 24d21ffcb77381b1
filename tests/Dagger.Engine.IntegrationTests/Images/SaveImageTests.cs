using System.Text.Json;
using Dagger.TestRig;

namespace Dagger.Engine.IntegrationTests.Images;

/// <summary>save-image: the state as a Docker image tarball inside the pipeline, and its id in /dagger/image_id.</summary>
[TestClass]
public sealed class SaveImageTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task The_tarball_is_a_docker_save_archive_of_the_state_with_its_tag_and_config()
    {
        var tag = "dagger-save/test:t" + Guid.NewGuid().ToString("N")[..12];
        var result = await PushContainerTests.RunPlanAsync($$""""
            package main

            TestSave: {
            	string
            	#up: [
            		{do: "fetch-container", ref: "dagger-test/config"},
            		{do: "exec", user: "root", args: ["sh", "-c", "printf saved > /saved"]},
            		{do: "save-image", tag: "{{tag}}", dest: "/out/image.tar"},
            		{do: "export", source: "/dagger/image_id"},
            	]
            }

            TestManifest: {
            	[...{...}]
            	#up: [
            		{do: "load", from: TestSave},
            		{do: "exec", user: "root", args: ["sh", "-c", "tar -xOf /out/image.tar manifest.json > /manifest"]},
            		{do: "export", source: "/manifest", format: "json"},
            	]
            }

            TestConfig: {
            	{...}
            	#up: [
            		{do: "load", from: TestSave},
            		{do: "exec", user: "root", args: ["sh", "-c", "cd /out && tar -xOf image.tar \"$(tar -xOf image.tar manifest.json | sed 's/.*\"Config\":\"\\([^\"]*\\)\".*/\\1/')\" > /config"]},
            		{do: "export", source: "/config", format: "json"},
            	]
            }
            """", TestContext);

        var computed = PushContainerTests.Computed(result);
        var imageId = computed.GetProperty("TestSave").GetString()!;
        Assert.MatchesRegex("^sha256:[0-9a-f]{64}$", imageId);

        var manifest = computed.GetProperty("TestManifest").EnumerateArray().Single();
        CollectionAssert.AreEqual(new[] { tag }, manifest.GetProperty("RepoTags").EnumerateArray().Select(t => t.GetString()).ToArray());
        StringAssert.Contains(manifest.GetProperty("Config").GetString(), imageId["sha256:".Length..], "the archive's config is the image the id names");

        var config = computed.GetProperty("TestConfig").GetProperty("config");
        CollectionAssert.Contains(config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToList(), "GREETING=" + TestImages.ConfigGreeting);
        Assert.AreEqual(TestImages.ConfigWorkdir, config.GetProperty("WorkingDir").GetString(), "the image config of fetch-container is kept");
        await PushContainerTests.UntagAsync(tag);
    }
}
