using Dagger.Tool;

namespace Dagger.Tool.UnitTests;

[TestClass]
public sealed class CliTests
{
    [TestMethod]
    public async Task Version_prints_version_commit_platform_and_engine()
    {
        var (code, output, _) = await DaggerRun.RunAsync("version", "--engine", "tcp://127.0.0.1:1234");
        Assert.AreEqual(0, code);
        StringAssert.StartsWith(output, "dagger 0.");
        StringAssert.Contains(output, "commit:");
        StringAssert.Contains(output, "platform: linux/");
        StringAssert.Contains(output, "engine:   tcp://127.0.0.1:1234 (buildkit, from --engine)");
    }

    [TestMethod]
    public async Task Unknown_command_is_a_usage_error_without_stack_trace()
    {
        var (code, _, error) = await DaggerRun.RunAsync("frobnicate");
        Assert.AreEqual(2, code);
        StringAssert.Contains(error, "'frobnicate'");
        Assert.DoesNotContain("   at ", error);
    }

    [TestMethod]
    public async Task Help_describes_every_command()
    {
        var (code, output, _) = await DaggerRun.RunAsync("--help");
        Assert.AreEqual(0, code);
        StringAssert.Contains(output, "version");
        StringAssert.Contains(output, "--engine");
    }
}
