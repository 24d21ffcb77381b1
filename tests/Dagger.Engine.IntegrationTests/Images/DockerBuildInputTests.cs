using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Plans;

namespace Dagger.Engine.IntegrationTests.Images;

/// <summary>docker-build with user inputs: a local folder as the context (as in the original's test), and secrets.</summary>
[TestClass]
public sealed class DockerBuildInputTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_directory_input_is_the_build_context_with_its_dockerfile()
    {
        var data = Directory.CreateTempSubdirectory("dagger-testdata-").FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "Dockerfile"), "FROM dagger-test/busybox\nCOPY . /dir\nRUN test \"$(cat /dir/foo)\" = foobar\n", TestContext.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(data, "foo"), "foobar", TestContext.CancellationToken);
        var result = await PushContainerTests.RunPlanAsync(
            """
            package main

            import "alpha.dagger.io/dagger"

            TestData: dagger.#Artifact & dagger.#Input

            TestBuild: {
            	string
            	#up: [
            		{do: "docker-build", context: TestData},
            		{do: "export", source: "/dir/foo"},
            	]
            }
            """,
            TestContext,
            new DirectoryInput("TestData", data, [], []));
        Assert.AreEqual("foobar", PushContainerTests.Computed(result).GetProperty("TestBuild").GetString());
    }

    [TestMethod]
    public async Task A_secret_build_arg_is_refused_before_it_reaches_the_engine()
    {
        const string token = "tok-3f9a1c77-never-in-llb";
        var failed = await PushContainerTests.RunPlanAsync(
            """"
            package main

            import "alpha.dagger.io/dagger"

            token: dagger.#Secret

            TestBuild: {
            	string
            	#up: [
            		{do: "docker-build", buildArg: TOKEN: token, dockerfile: """
            			FROM dagger-test/busybox
            			ARG TOKEN
            			RUN printf "$TOKEN" > /token
            			"""},
            		{do: "export", source: "/token"},
            	]
            }
            """",
            TestContext,
            new SecretInput("token", token));
        var e = EngineRun.Describe(failed);
        StringAssert.StartsWith(e, "main.cue:10:3: error DAG2002: TestBuild.#up[0]: \"buildArg.TOKEN\" is a secret, and BuildKit's Dockerfile frontend (v0.8) can only take build arguments in clear text");
        StringAssert.Contains(e, "RUN --mount=type=secret,id=dagger-secret:token");
        Assert.DoesNotContain(token, e);
    }

    [TestMethod]
    public async Task A_secret_reaches_a_dockerfile_through_a_secret_mount_with_the_id_the_error_names()
    {
        // The Dockerfile compares a hash, so that the plaintext is nowhere in the plan either.
        const string token = "tok-5b2e-only-in-a-mount";
        var result = await PushContainerTests.RunPlanAsync(
            """"
            package main

            import "alpha.dagger.io/dagger"

            token: dagger.#Secret

            TestBuild: {
            	string
            	#up: [
            		{do: "docker-build", dockerfile: """
            			FROM dagger-test/busybox
            			RUN --mount=type=secret,id=dagger-secret:token,target=/run/token test "$(sha256sum /run/token | cut -d ' ' -f 1)" = TOKEN_SHA256 && printf ok > /checked
            			"""},
            		{do: "export", source: "/checked"},
            	]
            }
            """".Replace("TOKEN_SHA256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), StringComparison.Ordinal),
            TestContext,
            new SecretInput("token", token));
        Assert.AreEqual("ok", PushContainerTests.Computed(result).GetProperty("TestBuild").GetString());
    }
}
