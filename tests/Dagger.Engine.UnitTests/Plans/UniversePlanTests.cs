using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Engine.Plans;

namespace Dagger.Engine.UnitTests.Plans;

/// <summary>A plan that builds on the embedded universe, as a new user writes one.</summary>
[TestClass]
public sealed class UniversePlanTests
{
    private const string Main = """
        package ci

        import "alpha.dagger.io/os"

        count: os.#Container & {
        	image: [{do: "fetch-container", ref: "dagger-test/busybox"}]
        	command: "ls / | wc -l > /count"
        }

        lines: os.#File & {
        	from: count
        	path: "/count"
        }

        // How many entries the image's root has.
        files: lines.contents @dagger(output)
        """;

    public TestContext TestContext { get; set; } = null!;

    private string WritePlan()
    {
        var directory = Path.Combine(TestContext.TestRunDirectory ?? Path.GetTempPath(), "universe-plan-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "main.cue"), Main);
        return directory;
    }

    [TestMethod]
    public void A_list_of_ops_given_as_an_artifact_is_the_pipeline()
    {
        var plan = PlanLoader.Load(WritePlan(), []);

        // The list meets dagger.#Artifact, which gives it an #up still [...#Op]: the list's own ops are the pipeline.
        var image = plan.DecodePipeline("count.image");

        Assert.IsNotNull(image.Ops, string.Join(", ", image.Missing));
        Assert.AreEqual("dagger-test/busybox", ((FetchContainerOp)image.Ops.Single()).Ref);
    }

    [TestMethod]
    public void A_span_inside_an_embedded_package_points_at_the_plans_line_that_uses_it()
    {
        var directory = WritePlan();
        var plan = PlanLoader.Load(directory, []);

        // count.image is declared in the embedded os package, a file on no disk: the plan's count stands for it.
        var span = plan.SpanOf("count.image") ?? throw new AssertFailedException("count.image has no span");
        Assert.AreEqual("main.cue", span.File);
        Assert.AreEqual(5, span.Line);

        // So does every op of a pipeline the package writes (lines.contents reads the file through os.#File).
        var contents = plan.DecodePipeline("lines.contents");
        var ops = contents.Ops ?? throw new AssertFailedException(string.Join(", ", contents.Missing));
        Assert.IsTrue(ops.All(o => o.Source.Span is { File: "main.cue", Line: 10 }), string.Join("\n", ops.Select(o => o.Source.Span)));

        // A vendored package is on disk: its own lines are kept.
        var vendored = Path.Combine(directory, "cue.mod", "pkg", "alpha.dagger.io");
        foreach (var (path, text) in EmbeddedPackages.OverlayFor(directory))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        Assert.IsTrue(Directory.Exists(vendored));
        var again = PlanLoader.Load(directory, []);
        StringAssert.EndsWith(again.SpanOf("count.image")?.File ?? "", "alpha.dagger.io/os/container.cue");
    }

    [TestMethod]
    public void An_output_not_computed_yet_is_shown_by_its_type_not_by_the_pipeline_meant_to_compute_it()
    {
        var plan = PlanLoader.Load(WritePlan(), []);

        var output = PlanOutputs.Find(plan.Root).Single();

        Assert.AreEqual("files", output.Path);
        Assert.IsNull(output.Json);
        Assert.AreEqual("string", output.Cue);
        Assert.AreEqual("How many entries the image's root has.", output.Description);
    }
}
