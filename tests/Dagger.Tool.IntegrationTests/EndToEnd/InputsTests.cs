using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.EndToEnd;

/// <summary>Secret and git inputs of <c>dagger compute</c>, on the real engine.</summary>
[TestClass]
public sealed class InputsTests
{
    private const string SecretPlan = """
        package main

        import "alpha.dagger.io/dagger"

        mySecret: dagger.#Secret

        TestSecret: {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{
        			do: "exec"
        			args: ["sh", "-c", "echo the secret is $(cat /run/secret); [ \"$(cat /run/secret)\" = SecretValue ] && [ \"$(stat -c %a /run/secret)\" = 400 ] && printf ok > /tmp/out"]
        			mount: "/run/secret": secret: mySecret
        		},
        		{do: "export", source: "/tmp/out"},
        	]
        }
        """;

    private const string GitPlan = """
        package main

        repo: _

        readme: {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{do: "exec", args: ["sh", "-c", "cat /src/README > /tmp/out"], mount: "/src": from: repo},
        		{do: "export", source: "/tmp/out"},
        	]
        }
        """;

    public TestContext TestContext { get; set; } = null!;

    private async Task<string> PlanAsync(string source)
    {
        var dir = await PlanFolder.CreateAsync("dagger-inputs-", source, TestContext.CancellationToken);
        return dir;
    }

    [TestMethod]
    public async Task A_secret_is_mounted_read_only_and_never_shown()
    {
        var plan = await PlanAsync(SecretPlan);
        Environment.SetEnvironmentVariable("DAGGER_TEST_SECRET", "SecretValue");
        var (code, output, error) = await DaggerRun.OnRigAsync("compute", "--log-format", "plain", plan, "--input-secret", "mySecret=DAGGER_TEST_SECRET", "--no-cache");
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "\"TestSecret\":\"ok\"");
        Assert.DoesNotContain("SecretValue", output);
        Assert.DoesNotContain("SecretValue", error);
        StringAssert.Contains(error, "[TestSecret.#up[1]] the secret is ***");
    }

    [TestMethod]
    [DataRow("plain")]
    [DataRow("json")]
    [DataRow("tty")]
    public async Task Every_line_of_a_multi_line_secret_is_hidden_in_the_logs(string format)
    {
        // Logs arrive a line at a time, so hiding the whole value alone would show each of its lines (upstream #1892).
        var plan = await PlanAsync("""
            package main

            import "alpha.dagger.io/dagger"

            key: dagger.#Secret
            leaky: #up: [
            	{do: "fetch-container", ref: "dagger-test/busybox"},
            	{do: "exec", args: ["sh", "-c", "cat /run/key; cat /run/key >&2; exit 5"], mount: "/run/key": secret: key},
            ]
            """);
        Environment.SetEnvironmentVariable("DAGGER_TEST_KEY", "-----BEGIN KEY-----\nc2VjcmV0LWxpbmUtb25l\nc2VjcmV0LWxpbmUtdHdv\n-----END KEY-----");
        var (code, output, error) = await DaggerRun.OnRigAsync("up", "--log-format", format, "-p", plan, "--input-secret", "key=DAGGER_TEST_KEY", "--no-cache");
        Assert.AreEqual(5, code, error);
        foreach (var line in new[] { "BEGIN KEY", "c2VjcmV0LWxpbmUtb25l", "c2VjcmV0LWxpbmUtdHdv", "END KEY" })
        {
            Assert.DoesNotContain(line, error, format);
            Assert.DoesNotContain(line, output, format);
        }

        StringAssert.Contains(error, "***", "the lines are there, hidden");
    }

    [TestMethod]
    public async Task A_secret_a_plan_exports_is_hidden_in_the_printed_results()
    {
        var plan = await PlanAsync("""
            package main

            import "alpha.dagger.io/dagger"

            key: dagger.#Secret
            copied: dagger.#Output & {
            	string
            	#up: [
            		{do: "fetch-container", ref: "dagger-test/busybox"},
            		{do: "exec", args: ["sh", "-c", "cat /run/key > /out"], mount: "/run/key": secret: key},
            		{do: "export", source: "/out"},
            	]
            }
            """);
        Environment.SetEnvironmentVariable("DAGGER_TEST_EXPORTED", "s3cr\"et\nline-two");
        var (code, output, error) = await DaggerRun.OnRigAsync("compute", "--log-format", "plain", plan, "--input-secret", "key=DAGGER_TEST_EXPORTED");
        Assert.AreEqual(0, code, error);
        Assert.AreEqual("{\"copied\":\"***\",\"key\":{\"$dagger\":{\"secret\":{}}}}", output.Trim());

        (code, output, error) = await DaggerRun.OnRigAsync("up", "--log-format", "plain", "-p", plan, "--input-secret", "key=DAGGER_TEST_EXPORTED");
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "copied  \"***\"");
        Assert.DoesNotContain("line-two", output);
    }

    [TestMethod]
    public async Task A_secret_cannot_be_given_as_text_nor_read_from_a_missing_variable()
    {
        var plan = await PlanAsync(SecretPlan);
        var (code, _, error) = await DaggerRun.OnRigAsync("compute", "--log-format", "plain", plan, "--input-string", "mySecret=SecretValue");
        Assert.AreEqual(1, code);
        StringAssert.Contains(error, "mySecret");

        (code, _, error) = await DaggerRun.OnRigAsync("compute", "--log-format", "plain", plan, "--input-secret", "mySecret=DAGGER_TEST_NOT_SET");
        Assert.AreEqual(2, code);
        StringAssert.Contains(error, "the environment variable DAGGER_TEST_NOT_SET is not set");
    }

    [TestMethod]
    public async Task A_bool_input_fills_a_bool_and_refuses_other_words()
    {
        var plan = await PlanAsync("""
            package main

            verbose: bool
            mode: {
            	string
            	#up: [
            		{do: "fetch-container", ref: "dagger-test/busybox"},
            		{do: "exec", args: ["sh", "-c", "printf '\(verbose)' > /out"]},
            		{do: "export", source: "/out"},
            	]
            }
            """);
        var (code, output, error) = await DaggerRun.OnRigAsync("compute", "--log-format", "plain", plan, "--input-bool", "verbose=true");
        Assert.AreEqual(0, code, error);
        Assert.AreEqual("""{"mode":"true","verbose":true}""", output.Trim());

        (code, _, error) = await DaggerRun.OnRigAsync("compute", "--log-format", "plain", plan, "--input-bool", "verbose=yes");
        Assert.AreEqual(2, code);
        StringAssert.Contains(error, "--input-bool verbose=yes: the value must be true or false");
    }

    [TestMethod]
    public async Task A_git_input_checks_out_the_ref()
    {
        var plan = await PlanAsync(GitPlan);
        var remote = Rig.Current.GitDaemon.BaseUrl + GitRepositories.Hello;
        var (code, output, error) = await DaggerRun.OnRigAsync("compute", "--log-format", "plain", plan, "--input-git", $"repo={remote}#v1.0");
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "\"readme\":\"hello from v1.0\\n\"");

        (code, output, error) = await DaggerRun.OnRigAsync("compute", "--log-format", "plain", plan, "--input-git", $"repo={remote}#feature");
        Assert.AreEqual(0, code, error);
        StringAssert.Contains(output, "\"readme\":\"hello from feature\\n\"");
    }
}
