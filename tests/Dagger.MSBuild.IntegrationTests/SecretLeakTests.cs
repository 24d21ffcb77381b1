using System.IO.Compression;
using System.Text;
using Dagger.TestRig;

namespace Dagger.MSBuild.IntegrationTests;

/// <summary>
/// The leak test of issue 17 for the MSBuild front door: the leak plan's five secrets come from environment variables
/// through <c>DaggerInput Kind="secret"</c>, and a diagnostic-verbosity build's console, its binary log and every
/// file the build leaves in the project are searched for them, as they are and encoded.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class SecretLeakTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("ok")]
    [DataRow("fail")]
    public async Task No_secret_reaches_the_build_log_the_binlog_or_the_project(string mode)
    {
        var ct = TestContext.CancellationToken;
        var project = PackedPackage.CopyExample("leak-" + mode);
        await File.WriteAllTextAsync(Path.Combine(project, "ci", "main.cue"), SecretLeakPlan.For("msbuild"), ct);
        var csproj = Path.Combine(project, "Greeter.csproj");
        var inputs = string.Concat(SecretShapes.All.Select(s =>
            $"    <DaggerInput Include=\"{s.Path}\" Kind=\"secret\" EnvironmentVariable=\"LEAK_{s.Path.ToUpperInvariant()}\" />\n"));
        var text = await File.ReadAllTextAsync(csproj, ct);
        var start = text.IndexOf("    <DaggerInput Include=\"source\"", StringComparison.Ordinal);
        var end = text.IndexOf("  </ItemGroup>", start, StringComparison.Ordinal);
        await File.WriteAllTextAsync(csproj, text[..start] + inputs + $"    <DaggerInput Include=\"mode\" Value=\"{mode}\" />\n" + text[end..], ct);
        var variables = SecretShapes.All.ToDictionary(s => $"LEAK_{s.Path.ToUpperInvariant()}", s => (string?)s.Value);
        var binlog = Path.Combine(PackedPackage.Work, $"leak-{mode}.binlog");

        var build = await PackedPackage.DotnetAsync(project, ["build", "-nologo", "-t:DaggerUp", "-v:diag", "-bl:" + binlog], variables, ct);

        if (mode == "ok")
        {
            Assert.AreEqual(0, build.ExitCode, build.Stdout + build.Stderr);
            StringAssert.Contains(build.Stdout, "dagger ci: ", "the plan ran");
        }
        else
        {
            // The failing command's output is in the error, with every secret it printed masked.
            Assert.AreNotEqual(0, build.ExitCode, build.Stdout);
            StringAssert.Contains(build.Stdout, "error DAG4001");
            StringAssert.Contains(build.Stdout, "| failing with *** | ***");
        }

        var leaks = new List<string>();
        leaks.AddRange(SecretShapes.Find("build stdout", build.Stdout));
        leaks.AddRange(SecretShapes.Find("build stderr", build.Stderr));
        leaks.AddRange(SecretShapes.Find("binlog", await BinlogTextAsync(binlog, ct)));
        foreach (var file in Directory.GetFiles(project, "*", SearchOption.AllDirectories))
        {
            leaks.AddRange(SecretShapes.Find(Path.GetRelativePath(project, file), Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, ct))));
        }

        Assert.IsEmpty(leaks, string.Join('\n', leaks));
    }

    // A binlog is a gzip stream of records whose strings are UTF-8 (with an embedded zip of the project files, which
    // the project search covers): decompressed, it reads as text with binary in between.
    private static async Task<string> BinlogTextAsync(string path, CancellationToken cancellationToken)
    {
        Assert.IsTrue(File.Exists(path), "the build wrote its binlog");
        await using var file = File.OpenRead(path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        await gzip.CopyToAsync(bytes, cancellationToken);
        var text = Encoding.UTF8.GetString(bytes.ToArray());
        StringAssert.Contains(text, "DaggerUp", "the binlog's strings are readable here");
        return text;
    }
}
