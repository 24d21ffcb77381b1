using Dagger.TestRig;

namespace Dagger.BuildKit.IntegrationTests;

[TestClass]
public static class AssemblyFixture
{
    [AssemblyInitialize]
    public static async Task StartRig(TestContext context) => await Rig.StartAsync(context.CancellationToken);

    [AssemblyCleanup]
    public static async Task StopRig() => await Rig.StopAsync();
}
