using Dagger.Runtime.BuildKit;

namespace Dagger.BuildKit.UnitTests;

[TestClass]
public sealed class EngineDiscoveryTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        key => vars.FirstOrDefault(v => v.Key == key).Value;

    [TestMethod]
    public void Explicit_address_wins_over_environment()
    {
        var address = EngineDiscovery.Resolve("tcp://10.0.0.1:1234", Env(("BUILDKIT_HOST", "unix:///x"), ("DOCKER_HOST", "unix:///y")), _ => true);
        Assert.AreEqual(new EngineAddress(EngineKind.BuildKit, "tcp://10.0.0.1:1234", "--engine"), address);
    }

    [TestMethod]
    public void Buildkit_host_comes_before_docker_host()
    {
        var address = EngineDiscovery.Resolve(null, Env(("BUILDKIT_HOST", "unix:///run/buildkit.sock"), ("DOCKER_HOST", "unix:///y")), _ => true);
        Assert.AreEqual(new EngineAddress(EngineKind.BuildKit, "unix:///run/buildkit.sock", "BUILDKIT_HOST"), address);
    }

    [TestMethod]
    public void Docker_host_selects_a_docker_engine()
    {
        var address = EngineDiscovery.Resolve(null, Env(("DOCKER_HOST", "unix:///tmp/d.sock")), _ => false);
        Assert.AreEqual(new EngineAddress(EngineKind.DockerEngine, "unix:///tmp/d.sock", "DOCKER_HOST"), address);
    }

    [TestMethod]
    public void Default_socket_is_used_only_when_present()
    {
        Assert.AreEqual(
            new EngineAddress(EngineKind.DockerEngine, "unix:///var/run/docker.sock", "default"),
            EngineDiscovery.Resolve(null, Env(), path => path == "/var/run/docker.sock"));
        Assert.IsNull(EngineDiscovery.Resolve(null, Env(), _ => false));
    }

    [TestMethod]
    public void Docker_prefix_in_explicit_address_selects_a_docker_engine()
    {
        Assert.AreEqual(
            new EngineAddress(EngineKind.DockerEngine, "unix:///tmp/d.sock", "--engine"),
            EngineDiscovery.Resolve("docker+unix:///tmp/d.sock", Env(), _ => false));
        Assert.AreEqual(
            new EngineAddress(EngineKind.DockerEngine, "unix:///from/env.sock", "BUILDKIT_HOST"),
            EngineDiscovery.Resolve(null, Env(("BUILDKIT_HOST", "docker"), ("DOCKER_HOST", "unix:///from/env.sock")), _ => false));
    }
}
