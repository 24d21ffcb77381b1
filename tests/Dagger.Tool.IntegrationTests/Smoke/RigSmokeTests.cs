using Dagger.TestRig;
using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace Dagger.Tool.IntegrationTests.Smoke;

/// <summary>Proves the hermetic rig against the real engine: images, HTTP, git and the registry.</summary>
[TestClass]
public sealed class RigSmokeTests
{
    public TestContext TestContext { get; set; } = null!;

    private static Dagger.TestRig.Rig R => Dagger.TestRig.Rig.Current;

    private static async Task<IContainer> StartBusyboxAsync(string image, CancellationToken cancellationToken)
    {
        TestcontainersSettings.ResourceReaperEnabled = false;
        var container = new ContainerBuilder(image)
            .WithDockerEndpoint(new Uri(R.Engine.Uri))
            .WithCommand("sleep", "300")
            // The private engine has no bridge network; host networking also lets the container reach the rig's services.
            .WithCreateParameterModifier(p => (p.HostConfig ??= new HostConfig()).NetworkMode = "host")
            .Build();
        await container.StartAsync(cancellationToken);
        return container;
    }

    [TestMethod]
    public async Task Runs_a_container_from_the_busybox_image()
    {
        await using var container = await StartBusyboxAsync(TestImages.Busybox, TestContext.CancellationToken);
        var result = await container.ExecAsync(["sh", "-c", "echo hello from $(uname -s) && readlink /usr/bin/wget"], TestContext.CancellationToken);
        Assert.AreEqual(0L, result.ExitCode, result.Stderr);
        Assert.AreEqual("hello from Linux\n/bin/busybox\n", result.Stdout);
    }

    [TestMethod]
    public async Task Config_image_carries_env_workdir_user_and_issue_file()
    {
        var inspect = await R.Docker.Images.InspectImageAsync(TestImages.Config, TestContext.CancellationToken);
        CollectionAssert.Contains(inspect.Config!.Env!.ToList(), "GREETING=" + TestImages.ConfigGreeting);
        Assert.AreEqual(TestImages.ConfigWorkdir, inspect.Config.WorkingDir);
        Assert.AreEqual(TestImages.ConfigUser, inspect.Config.User);

        await using var container = await StartBusyboxAsync(TestImages.Config, TestContext.CancellationToken);
        var result = await container.ExecAsync(["sh", "-c", "id -un; pwd; cat /etc/issue; echo \"$GREETING\""], TestContext.CancellationToken);
        Assert.AreEqual(0L, result.ExitCode, result.Stderr);
        Assert.AreEqual($"tester\n{TestImages.ConfigWorkdir}\n{TestImages.ConfigIssue}{TestImages.ConfigGreeting}\n", result.Stdout);

        var busybox = await R.Docker.Images.InspectImageAsync(TestImages.Busybox, TestContext.CancellationToken);
        Assert.AreNotEqual(busybox.ID, inspect.ID);
    }

    [TestMethod]
    public async Task Fetches_a_fixture_file_over_http_and_gets_404_for_a_missing_one()
    {
        await using var container = await StartBusyboxAsync(TestImages.Busybox, TestContext.CancellationToken);
        var ok = await container.ExecAsync(["wget", "-q", "-O", "-", R.Http.FileUrl("hello.txt")], TestContext.CancellationToken);
        Assert.AreEqual(0L, ok.ExitCode, ok.Stderr);
        Assert.AreEqual(FixtureHttpServer.HelloText, ok.Stdout);

        var missing = await container.ExecAsync(["wget", "-q", "-S", "-O", "-", R.Http.FileUrl("missing.txt")], TestContext.CancellationToken);
        Assert.AreNotEqual(0L, missing.ExitCode);
        StringAssert.Contains(missing.Stderr, "404");
    }

    [TestMethod]
    public async Task Clones_a_tag_from_the_git_daemon()
    {
        var target = Path.Combine(R.Root, "clone-" + Guid.NewGuid().ToString("N"));
        var clone = await ProcessRunner.RunAsync(
            "git",
            ["clone", "-q", "--depth", "1", "--branch", "v1.0", R.GitDaemon.BaseUrl + GitRepositories.Hello, target],
            cancellationToken: TestContext.CancellationToken);
        Assert.AreEqual(0, clone.ExitCode, clone.Stderr);
        Assert.AreEqual(GitRepositories.TagReadme, await File.ReadAllTextAsync(Path.Combine(target, "README"), TestContext.CancellationToken));
        Assert.AreEqual(GitRepositories.SubdirFile, await File.ReadAllTextAsync(Path.Combine(target, "sub", "dir", "file.txt"), TestContext.CancellationToken));
        var head = await ProcessRunner.RunAsync("git", ["rev-parse", "HEAD"], target, cancellationToken: TestContext.CancellationToken);
        Assert.AreEqual(R.Git.TagCommit, head.Stdout.Trim());

        var refused = await ProcessRunner.RunAsync(
            "git",
            ["ls-remote", R.GitDaemon.BaseUrl + GitRepositories.Private],
            cancellationToken: TestContext.CancellationToken);
        Assert.AreNotEqual(0, refused.ExitCode, "the private repository must not be served by the git daemon");
    }

    [TestMethod]
    public async Task Private_repository_over_http_needs_the_token()
    {
        var url = R.Http.GitUrl(GitRepositories.Private);
        var env = new Dictionary<string, string?> { ["GIT_TERMINAL_PROMPT"] = "0" };
        var denied = await ProcessRunner.RunAsync("git", ["ls-remote", url], environment: env, cancellationToken: TestContext.CancellationToken);
        Assert.AreNotEqual(0, denied.ExitCode);

        var withToken = url.Replace("http://", $"http://x-access-token:{R.Http.GitToken}@", StringComparison.Ordinal);
        var target = Path.Combine(R.Root, "private-" + Guid.NewGuid().ToString("N"));
        var clone = await ProcessRunner.RunAsync("git", ["clone", "-q", withToken, target], environment: env, cancellationToken: TestContext.CancellationToken);
        Assert.AreEqual(0, clone.ExitCode, clone.Stderr);
        Assert.AreEqual(GitRepositories.PrivateFile, await File.ReadAllTextAsync(Path.Combine(target, "SECRET.txt"), TestContext.CancellationToken));

        var publicOverHttp = await ProcessRunner.RunAsync("git", ["ls-remote", R.Http.GitUrl(GitRepositories.Hello)], environment: env, cancellationToken: TestContext.CancellationToken);
        Assert.AreEqual(0, publicOverHttp.ExitCode, publicOverHttp.Stderr);
        StringAssert.Contains(publicOverHttp.Stdout, "refs/tags/v1.0");
    }

    [TestMethod]
    public async Task Pushes_an_image_to_the_registry_and_pulls_it_back()
    {
        var ct = TestContext.CancellationToken;
        var repository = $"{R.Registry.Host}/smoke/busybox";
        var tag = Guid.NewGuid().ToString("N")[..12];
        var original = await R.Docker.Images.InspectImageAsync(TestImages.Busybox, ct);
        await R.Docker.Images.TagImageAsync(TestImages.Busybox, new ImageTagParameters { RepositoryName = repository, Tag = tag }, ct);

        var pushErrors = new List<string>();
        await R.Docker.Images.PushImageAsync(repository, new ImagePushParameters { Tag = tag }, new AuthConfig(), new Progress<JSONMessage>(m => Record(pushErrors, m)), ct);
        Assert.IsEmpty(pushErrors, string.Join("\n", pushErrors));

        await R.Docker.Images.DeleteImageAsync($"{repository}:{tag}", new ImageDeleteParameters { Force = false }, ct);
        await Assert.ThrowsExactlyAsync<DockerImageNotFoundException>(() => R.Docker.Images.InspectImageAsync($"{repository}:{tag}", ct));

        var pullErrors = new List<string>();
        await R.Docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag }, new AuthConfig(), new Progress<JSONMessage>(m => Record(pullErrors, m)), ct);
        Assert.IsEmpty(pullErrors, string.Join("\n", pullErrors));
        var pulled = await R.Docker.Images.InspectImageAsync($"{repository}:{tag}", ct);
        Assert.AreEqual(original.ID, pulled.ID);
        CollectionAssert.Contains(pulled.RepoDigests.ToList(), pulled.RepoDigests.Single(d => d.StartsWith(repository + "@sha256:", StringComparison.Ordinal)));
        await R.Docker.Images.DeleteImageAsync($"{repository}:{tag}", new ImageDeleteParameters(), ct);
    }

    private static void Record(List<string> errors, JSONMessage message)
    {
        if (message.Error is not null)
        {
            lock (errors)
            {
                errors.Add(message.Error.Message ?? "error");
            }
        }
    }
}
