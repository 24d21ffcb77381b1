using System.Text;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Solving;
using Dagger.Runtime.Llb;

namespace Dagger.Engine.UnitTests.Solving;

/// <summary>An image is resolved by the engine once a run per reference and platform, and a failure is not remembered.</summary>
[TestClass]
public sealed class BuildKitImageResolverTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Tasks_that_start_from_one_image_at_once_cost_one_round_trip()
    {
        var calls = 0;
        var release = new TaskCompletionSource();
        var resolver = new BuildKitImageResolver(async (reference, platform, ct) =>
        {
            Interlocked.Increment(ref calls);
            await release.Task.WaitAsync(ct);
            return new ImageConfigResult("sha256:" + reference.Length, Encoding.UTF8.GetBytes("{}"));
        });

        var waiting = Enumerable.Range(0, 10).Select(_ => resolver.ResolveAsync("busybox", null, TestContext.CancellationToken)).ToList();
        release.SetResult();
        var images = await Task.WhenAll(waiting);
        var again = await resolver.ResolveAsync("busybox", null, TestContext.CancellationToken);

        Assert.AreEqual(1, calls);
        Assert.IsTrue(images.All(i => i.Digest == "sha256:7"), string.Join(", ", images.Select(i => i.Digest)));
        Assert.AreEqual("sha256:7", again.Digest);
    }

    [TestMethod]
    public async Task Each_reference_and_platform_is_its_own_round_trip()
    {
        var asked = new List<string>();
        var resolver = new BuildKitImageResolver((reference, platform, ct) =>
        {
            lock (asked)
            {
                asked.Add($"{reference}@{platform?.Architecture ?? "engine"}");
            }

            return Task.FromResult(new ImageConfigResult("sha256:1", Encoding.UTF8.GetBytes("{}")));
        });
        var arm = new Platform("linux", "arm64");

        await resolver.ResolveAsync("busybox", null, TestContext.CancellationToken);
        await resolver.ResolveAsync("busybox", arm, TestContext.CancellationToken);
        await resolver.ResolveAsync("alpine", arm, TestContext.CancellationToken);
        await resolver.ResolveAsync("busybox", arm, TestContext.CancellationToken);

        CollectionAssert.AreEqual(new[] { "busybox@engine", "busybox@arm64", "alpine@arm64" }, asked);
    }

    [TestMethod]
    public async Task A_failed_resolution_is_reported_and_asked_again_next_time()
    {
        var calls = 0;
        var resolver = new BuildKitImageResolver((reference, platform, ct) =>
            Interlocked.Increment(ref calls) == 1
                ? Task.FromException<ImageConfigResult>(new BuildFailedException("pull access denied for busybox"))
                : Task.FromResult(new ImageConfigResult("", Encoding.UTF8.GetBytes("{}"))));

        var error = await Assert.ThrowsExactlyAsync<ImageResolveException>(() => resolver.ResolveAsync("busybox", null, TestContext.CancellationToken));
        var image = await resolver.ResolveAsync("busybox", null, TestContext.CancellationToken);

        StringAssert.Contains(error.Message, "pull access denied for busybox");
        Assert.AreEqual(2, calls);
        Assert.IsNull(image.Digest, "an empty digest from the engine is no digest");
    }
}
