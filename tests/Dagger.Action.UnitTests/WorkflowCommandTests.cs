using Dagger.Action.Logging;

namespace Dagger.Action.UnitTests;

/// <summary>Workflow-command escaping, checked against the runner's own unescaping (actions/runner ActionCommand).</summary>
[TestClass]
public sealed class WorkflowCommandTests
{
    // The runner's reverse replacements, in its order: data %0D, %0A, %25; properties also %3A and %2C before %25.
    private static string RunnerUnescapeData(string s) => s.Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

    private static string RunnerUnescapeProperty(string s) =>
        s.Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal)
            .Replace("%3A", ":", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

    [TestMethod]
    [DataRow("plain")]
    [DataRow("100% done\r\nnext: a, b")]
    [DataRow("%0A stays %0A, %25 stays %25, %3A stays %3A")]
    [DataRow("::error::x ##[warning]y")]
    public void Data_and_properties_round_trip_through_the_runners_unescaping(string text)
    {
        Assert.AreEqual(text, RunnerUnescapeData(WorkflowCommand.EscapeData(text)));
        Assert.AreEqual(text, RunnerUnescapeProperty(WorkflowCommand.EscapeProperty(text)));
        Assert.IsFalse(WorkflowCommand.EscapeData(text).Contains('\n', StringComparison.Ordinal));
        Assert.IsFalse(WorkflowCommand.EscapeProperty(text).Contains(',', StringComparison.Ordinal));
        Assert.IsFalse(WorkflowCommand.EscapeProperty(text).Contains(':', StringComparison.Ordinal));
    }

    [TestMethod]
    public void A_command_leaves_out_null_properties_and_escapes_the_rest()
    {
        var line = WorkflowCommand.Format("error", "a\nb", ("file", "ci/a,b:c.cue"), ("line", 3), ("col", null), ("title", "DAG4001 in x"));

        Assert.AreEqual("::error file=ci/a%2Cb%3Ac.cue,line=3,title=DAG4001 in x::a%0Ab", line);
    }

    [TestMethod]
    public void Masks_are_registered_line_by_line_and_escaped()
    {
        using var output = new StringWriter();
        var masker = new SecretMasker(["one\ntwo%"]);
        new LogWriter(output, masker).AddMasks(masker.RunnerValues);

        CollectionAssert.AreEqual(
            new[] { "::add-mask::one%0Atwo%25", "::add-mask::one", "::add-mask::two%25", "" },
            output.ToString().Split(Environment.NewLine));
    }
}
