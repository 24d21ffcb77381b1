using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Runs;
using Dagger.TestRig;

namespace Dagger.Engine.IntegrationTests.Images;

/// <summary>docker-login against a registry that wants a password; the password is a secret input.</summary>
[TestClass]
public sealed class DockerLoginTests
{
    private const string Password = "s3cr3t-Pa55word-for-the-registry";

    public TestContext TestContext { get; set; } = null!;

    private static string Plan(string host, string tag, bool login) => $$"""
        package main

        import "alpha.dagger.io/dagger"

        registry: {
        	username: string
        	secret:   dagger.#Secret
        }

        TestPush: {
        	string
        	#up: [
        		{{(login ? "{do: \"docker-login\", target: \"" + host + "\", username: registry.username, secret: registry.secret}," : "")}}
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "exec", args: ["sh", "-c", "printf {{tag}} > /rand"]},
        		{do: "push-container", ref: "{{host}}/private:{{tag}}"},
        		{do: "export", source: "/dagger/image_digest"},
        	]
        }
        """;

    private static string PullPlan(string host, string tag, bool login) => $$"""
        package main

        import "alpha.dagger.io/dagger"

        registry: {
        	username: string
        	secret:   dagger.#Secret
        }

        TestPull: {
        	string
        	#up: [
        		{{(login ? "{do: \"docker-login\", target: \"" + host + "\", username: registry.username, secret: registry.secret}," : "")}}
        		{do: "fetch-container", ref: "{{host}}/private:{{tag}}"},
        		{do: "export", source: "/rand"},
        	]
        }
        """;

    private async Task<RunOutcome> RunAsync(string cue, List<string> log)
    {
        var dir = await PlanFolder.CreateAsync("dagger-login-", cue, TestContext.CancellationToken);
        var (outcome, events) = await EngineRun.RunAsync(
            new RunRequest
            {
                PlanDirectory = dir,
                Inputs = [new TextInput("registry.username", "ci"), new SecretInput("registry.secret", Password)],
                WithComputedJson = true,
            },
            TestContext.CancellationToken);
        log.AddRange(events.Select(EventJson.Serialize));
        return outcome;
    }

    [TestMethod]
    public async Task A_push_needs_the_login_and_the_password_shows_nowhere()
    {
        await using var proxy = BasicAuthRegistryProxy.Start(Rig.Current.Registry.Host, "ci", Password);
        var tag = "t" + Guid.NewGuid().ToString("N")[..12];
        var log = new List<string>();

        var refused = EngineRun.Describe(await RunAsync(Plan(proxy.Host, tag, login: false), log));
        StringAssert.Contains(refused, "main.cue:16:3: error DAG4007: TestPush.#up[2]: push " + proxy.Host + "/private:" + tag);
        StringAssert.Contains(refused, "no basic auth credentials");
        Assert.IsGreaterThan(0, proxy.Refused, "the registry asked for credentials");

        var result = await RunAsync(Plan(proxy.Host, tag, login: true), log);
        using var api = new RegistryApi(Rig.Current.Registry.Host);
        var (digest, _) = await api.GetAsync("private", tag, TestContext.CancellationToken);
        Assert.AreEqual(digest, PushContainerTests.Computed(result).GetProperty("TestPush").GetString(), "pushed through the proxy with the login's credentials");

        // The engine's store has the image under that name since the push: without it, the engine asks the registry.
        await PushContainerTests.UntagAsync($"{proxy.Host}/private:{tag}");
        var pullRefused = EngineRun.Describe(await RunAsync(PullPlan(proxy.Host, tag, login: false), log));
        StringAssert.Contains(pullRefused, "error DAG4002: TestPull.#up[0]");
        StringAssert.Contains(pullRefused, "401 Unauthorized");
        var pulled = await RunAsync(PullPlan(proxy.Host, tag, login: true), log);
        Assert.AreEqual(tag, PushContainerTests.Computed(pulled).GetProperty("TestPull").GetString(), "pulled with the login's credentials, served to the engine by the session");

        Assert.DoesNotContain(Password, pullRefused);
        Assert.DoesNotContain(Password, refused);
        Assert.IsFalse(log.Any(line => line.Contains(Password, StringComparison.Ordinal)), "no event carries the password");
        Assert.DoesNotContain(Password, result.ComputedJson!);
        await PushContainerTests.UntagAsync($"{proxy.Host}/private:{tag}");
    }
}
