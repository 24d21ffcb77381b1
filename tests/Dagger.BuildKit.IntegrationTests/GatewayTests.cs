using System.Text;

using Dagger.BuildKit.IntegrationTests.Support;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Llb.Pb;

namespace Dagger.BuildKit.IntegrationTests;

[TestClass]
public sealed class GatewayTests
{
    [TestMethod]
    public async Task Exec_output_is_read_back_through_the_gateway()
    {
        var client = await TestEngine.ClientAsync();
        await using var session = await client.StartBuildAsync();
        var llb = new TestDefinition();
        var marker = Guid.NewGuid().ToString("N");
        var root = llb.Shell(llb.Image(), $"echo {marker} > /out.txt; id -u >> /out.txt", network: client.ExecNetwork);
        var result = await session.SolveAsync(llb.Build(root));

        var data = await session.ReadFileAsync(result, "/out.txt");
        Assert.AreEqual($"{marker}\n0\n", Encoding.UTF8.GetString(data.Span));

        var range = await session.ReadFileAsync(result, "/out.txt", offset: 2, length: 4);
        Assert.AreEqual(marker.Substring(2, 4), Encoding.UTF8.GetString(range.Span));

        var entries = await session.ReadDirAsync(result, "/bin", "s*");
        CollectionAssert.Contains(entries.Select(e => e.Path).ToList(), "sh");
        Assert.AreEqual(FileKind.Symlink, entries.Single(e => e.Path == "sh").Kind);

        var stat = await session.StatFileAsync(result, "/out.txt");
        Assert.AreEqual(FileKind.File, stat.Kind);
        Assert.AreEqual(marker.Length + 3L, stat.Size);

        await session.CompleteAsync();
    }

    [TestMethod]
    public async Task Capabilities_come_from_the_engine()
    {
        var client = await TestEngine.ClientAsync();
        var caps = await client.GetCapabilitiesAsync();
        Assert.IsTrue(caps.HasFrontendCap("gateway.solve.evaluate"), string.Join(",", caps.FrontendCaps));
        Assert.IsTrue(caps.HasFrontendCap("readfile"));
        Assert.IsTrue(caps.HasLlbCap("exec.mount.secret"));
        Assert.IsNotEmpty(caps.Workers);
        Assert.IsTrue(caps.Workers[0].Platforms.Contains("linux/amd64"), string.Join(",", caps.Workers[0].Platforms));
        if (client.Address.Kind == EngineKind.DockerEngine)
        {
            CollectionAssert.AreEquivalent(new[] { "moby", "local", "tar" }, caps.Exporters.ToArray());
        }
    }

    [TestMethod]
    public async Task Concurrent_solves_share_one_session()
    {
        var client = await TestEngine.ClientAsync();
        await using var session = await client.StartBuildAsync();
        var tasks = Enumerable.Range(0, 6).Select(async i =>
        {
            var llb = new TestDefinition();
            var root = llb.Shell(llb.Image(), $"echo {i} > /n", network: client.ExecNetwork);
            var result = await session.SolveAsync(llb.Build(root));
            return Encoding.UTF8.GetString((await session.ReadFileAsync(result, "/n")).Span).Trim();
        });
        var values = await Task.WhenAll(tasks);
        CollectionAssert.AreEqual(new[] { "0", "1", "2", "3", "4", "5" }, values);
        await session.CompleteAsync();
    }

    [TestMethod]
    public async Task Many_concurrent_reads_of_one_result_all_succeed()
    {
        var client = await TestEngine.ClientAsync();
        await using var session = await client.StartBuildAsync();
        var llb = new TestDefinition();
        var marker = Guid.NewGuid().ToString("N");
        var result = await session.SolveAsync(llb.Build(llb.Shell(llb.Image(), $"echo {marker} > /f", network: client.ExecNetwork)));
        var reads = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
            i % 3 == 0 ? (await session.StatFileAsync(result, "/f")).Size.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : Encoding.UTF8.GetString((await session.ReadFileAsync(result, "/f")).Span)));
        Assert.IsTrue(reads.Where((_, i) => i % 3 != 0).All(r => r == marker + "\n"));
        Assert.IsTrue(reads.Where((_, i) => i % 3 == 0).All(r => r == (marker.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await session.CompleteAsync();
    }

    [TestMethod]
    public async Task Disk_usage_lists_the_cache_and_a_prune_restricted_to_nothing_removes_nothing()
    {
        var client = await TestEngine.ClientAsync();
        await using (var session = await client.StartBuildAsync())
        {
            var llb = new TestDefinition();
            await session.SolveAsync(llb.Build(llb.Shell(llb.Image(), $"echo {Guid.NewGuid()} > /f", network: client.ExecNetwork)));
            await session.CompleteAsync();
        }

        var records = await client.DiskUsageAsync();
        Assert.IsNotEmpty(records);
        Assert.IsTrue(records.All(r => r.Id.Length > 0 && r.Size >= 0));
        var removed = await client.PruneAsync(["id==dagger-no-such-record"]);
        Assert.IsEmpty(removed);
    }
}
