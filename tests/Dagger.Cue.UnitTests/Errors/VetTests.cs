using Dagger.Cue.UnitTests.Conformance;
using Dagger.Cue.UnitTests.Differential;

namespace Dagger.Cue.UnitTests.Errors;

/// <summary><c>dagger cue vet [-c]</c> against the reference <c>cue vet</c>: same exit status, same stderr where our
/// error texts match (see README.md), silence on success.</summary>
[TestClass]
public sealed class VetTests
{
    private static readonly (string Name, string Source)[] Programs =
    [
        ("valid", "a: 1\nb: {c: \"x\"}\n"),
        ("definitions-and-hidden-may-be-incomplete", "#D: {a: int}\n_h: string\nx: {y?: int}\n"),
        ("incomplete", "a: string\nb: {c: int}\n"),
        ("disjunction", "a: 1 | 2\n"),
        ("conflicts", "z: 1 & 2\na: \"x\" & \"y\"\n"),
    ];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Vet_exits_and_reports_like_the_reference()
    {
        var root = Directory.CreateTempSubdirectory("cue-vet-").FullName;
        var runs = new List<(string Name, string Dir, string[] Args)>();
        foreach (var (name, source) in Programs)
        {
            var dir = Path.Combine(root, name);
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, "x.cue"), source, TestContext.CancellationToken);
            runs.Add((name, dir, ["vet", "x.cue"]));
            runs.Add((name, dir, ["vet", "-c", "x.cue"]));
        }

        var reference = await OracleBatch.RunAsync(runs.Select(r => new OracleJob(r.Dir, r.Args)).ToList(), 1, TimeSpan.FromSeconds(60), TestContext.CancellationToken);
        var cue = CueCommand.Resolve();
        var ours = new Dictionary<string, ProcessResult>();
        for (var i = 0; i < runs.Count; i++)
        {
            var (name, dir, args) = runs[i];
            var label = $"{name}: {string.Join(" ", args)}";
            var r = await ProcessRunner.RunAsync(cue.FileName, cue.With(args), dir, TimeSpan.FromSeconds(60), TestContext.CancellationToken);
            ours[label] = r;
            Assert.AreEqual(reference[i].ExitCode, r.ExitCode, $"{label}: {r.Stderr}");
            Assert.AreEqual("", r.Stdout, label);
            if (name != "incomplete" || args.Length == 2)
            {
                Assert.AreEqual(reference[i].Stderr, r.Stderr, label);
            }
        }

        Assert.AreEqual("", ours["valid: vet x.cue"].Stderr);
        Assert.AreEqual(0, ours["definitions-and-hidden-may-be-incomplete: vet -c x.cue"].ExitCode);
        Assert.AreEqual("some instances are incomplete; use the -c flag to show errors or suppress this message\n", ours["incomplete: vet x.cue"].Stderr);

        // With -c every incomplete field is listed; we add each field's position (a documented difference).
        Assert.AreEqual("a: incomplete value string:\n    ./x.cue:1:1\nb.c: incomplete value int:\n    ./x.cue:2:5\n", ours["incomplete: vet -c x.cue"].Stderr);
        Directory.Delete(root, recursive: true);
    }
}
