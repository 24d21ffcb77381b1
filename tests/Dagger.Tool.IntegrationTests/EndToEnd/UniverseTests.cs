using System.Text.Json;
using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.EndToEnd;

/// <summary>
/// The universe's packages on the real engine: a plan written as for dagger v0.1.0, with alpine, os, io, docker, git
/// and random, runs with only its image references changed (no registry is reachable here). The packages that need the
/// internet are checked by their LLB in <see cref="UniverseDryRunTests"/>.
/// </summary>
[TestClass]
public sealed class UniverseTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_plan_for_v0_1_with_alpine_os_docker_git_and_random_runs_with_only_its_images_changed()
    {
        var docker = await EngineEndpoint.GetDockerAsync(TestContext.CancellationToken);
        await TestImages.EnsureDotnetAsync(docker.OriginalString, TestContext.CancellationToken);
        // alpine.#Image fetches index.docker.io/alpine:VERSION: the engine finds this tag in its own store.
        await Rig.Current.Docker.Images.TagImageAsync(TestImages.Busybox, new Docker.DotNet.Models.ImageTagParameters { RepositoryName = "alpine", Tag = "dagger-test" }, TestContext.CancellationToken);

        var tag = Guid.NewGuid().ToString("N");
        var plan = await PlanFolder.CreateAsync("dagger-universe-", $$""""
            package main

            import (
            	"alpha.dagger.io/alpine"
            	"alpha.dagger.io/docker"
            	"alpha.dagger.io/git"
            	"alpha.dagger.io/io"
            	"alpha.dagger.io/os"
            	"alpha.dagger.io/random"
            )

            // The images: the only lines that differ from the plan for dagger v0.1.0.
            base: alpine.#Image & {version: "dagger-test"}
            withGit: docker.#Pull & {from: "{{TestImages.Debian}}"}

            repo: git.#Repository & {
            	remote:     "{{Rig.Current.GitDaemon.BaseUrl}}{{GitRepositories.Hello}}"
            	ref:        "main"
            	keepGitDir: true
            	#image:     withGit
            }

            branch: git.#CurrentBranch & {repository: repo, #image: withGit}
            tags: git.#Tags & {repository: repo, #image: withGit}

            ctr: os.#Container & {
            	image: base
            	setup: ["mkdir -p /out"]
            	env: GREETING: "hello"
            	dir: "/out"
            	mount: "/repo": from: repo
            	files: "/out/extra.txt": content: "extra\n"
            	command: #"printf '%s, ' "$GREETING" > greeting.txt && cat /repo/README >> greeting.txt"#
            }

            greeting: os.#File & {from: ctr, path: "/out/greeting.txt"}
            tree: io.#Dir & os.#ReadDir & {from: ctr, path: "/out", #image: base}
            written: os.#File & {path: "/hello.txt", write: data: "written"}
            out: os.#Dir & {from: ctr, path: "/out"}
            extra: os.#File & {from: out, path: "/extra.txt"}

            rand: random.#String & {seed: "universe", #image: base}

            built: docker.#Build & {
            	source: out
            	dockerfile: """
            		FROM {{TestImages.Busybox}}
            		COPY greeting.txt /greeting.txt
            		"""
            }
            pushed: docker.#Push & {target: "{{Rig.Current.Registry.Host}}/universe:{{tag}}", source: built}
            pulled: docker.#Pull & {from: pushed.ref}
            check: os.#File & {from: pulled, path: "/greeting.txt"}
            """", TestContext.CancellationToken);

        var (code, output, error) = await DaggerRun.OnRigAsync("compute", "--log-format", "plain", plan);
        Assert.AreEqual(0, code, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var greeting = "hello, " + GitRepositories.MainReadme;
        Assert.AreEqual(greeting, root.GetProperty("greeting").GetProperty("contents").GetString());
        CollectionAssert.AreEquivalent(new[] { "", "/extra.txt", "/greeting.txt" }, root.GetProperty("tree").GetProperty("read").GetProperty("tree").GetString()!.TrimEnd('\n').Split('\n'), "the folder itself, then its files, in no fixed order");
        Assert.AreEqual("written", root.GetProperty("written").GetProperty("contents").GetString());
        Assert.AreEqual("extra\n", root.GetProperty("extra").GetProperty("contents").GetString());
        Assert.AreEqual("main", root.GetProperty("branch").GetProperty("name").GetString());
        // BuildKit's checkout fetches only the ref asked for, and keeps it as a tag of its name.
        CollectionAssert.AreEqual(new[] { "main" }, root.GetProperty("tags").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList());
        StringAssert.Matches(root.GetProperty("rand").GetProperty("out").GetString(), new System.Text.RegularExpressions.Regex("^[a-z]{12}$"));
        StringAssert.StartsWith(root.GetProperty("pushed").GetProperty("digest").GetString(), "sha256:");
        Assert.AreEqual(greeting, root.GetProperty("check").GetProperty("contents").GetString(), "the pushed image, pulled back by its digest, holds the built file");
        Assert.DoesNotContain("warning", error, "every pipeline ran");
    }
}
