using Dagger.TestRig;

namespace Dagger.Tool.IntegrationTests.EndToEnd;

[TestClass]
public sealed class EngineInfoTests
{
    [TestMethod]
    public async Task Engine_info_describes_the_rig_engine()
    {
        var (code, output, error) = await DaggerRun.OnRigAsync("engine", "info");
        Assert.AreEqual(0, code, error);
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
        var (code, _, error) = await DaggerRun.RunAsync("engine", "info", "--engine", "unix:///nonexistent/buildkitd.sock");
        Assert.AreEqual(1, code);
        StringAssert.StartsWith(error, "dagger: ");
        StringAssert.Contains(error, "/nonexistent/buildkitd.sock");
        Assert.DoesNotContain("   at ", error);
    }
}
