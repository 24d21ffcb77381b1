using Dagger.TestRig;

namespace Dagger.Tool.Tests.EndToEnd;

[TestClass]
public sealed class EngineInfoTests
{
    [TestMethod]
    public async Task Engine_info_describes_the_rig_engine()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Cli.RunAsync(["engine", "info", "--engine", "docker+" + Rig.Current.Engine.Uri], stdout, stderr);
        Assert.AreEqual(0, code, stderr.ToString());
        var output = stdout.ToString();
        StringAssert.StartsWith(output, "kind:          Docker Engine (built-in BuildKit)\n");
        StringAssert.Contains(output, "address:       " + Rig.Current.Engine.Uri);
        StringAssert.Contains(output, "linux/amd64");
        StringAssert.Contains(output, "exec network:  host");
        StringAssert.Contains(output, "gateway.solve.evaluate");
        StringAssert.Contains(output, "exec.mount.secret");
    }

    [TestMethod]
    public async Task Engine_info_on_a_missing_socket_fails_cleanly()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Cli.RunAsync(["engine", "info", "--engine", "unix:///nonexistent/buildkitd.sock"], stdout, stderr);
        Assert.AreEqual(1, code);
        StringAssert.StartsWith(stderr.ToString(), "dagger: ");
        StringAssert.Contains(stderr.ToString(), "/nonexistent/buildkitd.sock");
        Assert.DoesNotContain("   at ", stderr.ToString());
    }
}
