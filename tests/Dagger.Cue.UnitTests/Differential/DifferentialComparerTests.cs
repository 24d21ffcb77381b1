using Dagger.Cue.UnitTests.Conformance;

namespace Dagger.Cue.UnitTests.Differential;

[TestClass]
public sealed class DifferentialComparerTests
{
    private static readonly GeneratedProgram Program = new(1, 2, "a: 1\n", null);

    private static ProcessResult Ok(string json) => new(0, json, "", false, TimeSpan.Zero);

    private static ProcessResult Err(string message, int code = 1) => new(code, "", message, false, TimeSpan.Zero);

    [TestMethod]
    public void Both_failing_is_agreement_whatever_the_messages()
    {
        Assert.IsNull(DifferentialComparer.Compare(Program, Err("a: conflicting values"), Err("dagger: a: conflict")));
    }

    [TestMethod]
    public void Success_against_failure_is_a_disagreement_that_quotes_the_failing_side()
    {
        var d = DifferentialComparer.Compare(Program, Err("x: structural cycle\n  ./p.cue:1:1"), Ok("{}"));
        Assert.AreEqual("oracle failed, ours succeeded: x: structural cycle", d!.Description);
        Assert.IsFalse(d.Fatal);
        d = DifferentialComparer.Compare(Program, Ok("{}"), Err("dagger: p.cue:1:4: bad"));
        Assert.AreEqual("oracle succeeded, ours failed: dagger: p.cue:1:4: bad", d!.Description);
    }

    [TestMethod]
    public void Outputs_are_compared_with_key_order_and_number_kinds()
    {
        Assert.IsNull(DifferentialComparer.Compare(Program, Ok("{\"a\": 1.0}"), Ok("{\n    \"a\": 1.0\n}\n")));
        StringAssert.StartsWith(DifferentialComparer.Compare(Program, Ok("{\"a\": 1, \"b\": 2}"), Ok("{\"b\": 2, \"a\": 1}"))!.Description, "key order differs");
        StringAssert.Contains(DifferentialComparer.Compare(Program, Ok("{\"a\": 1.0}"), Ok("{\"a\": 1}"))!.Description, "number kind differs");
    }

    [TestMethod]
    public void Crashes_and_timeouts_are_fatal_even_when_the_oracle_failed_too()
    {
        Assert.IsTrue(DifferentialComparer.Compare(Program, Err("x"), Err("Unhandled exception. System.InvalidOperationException"))!.Fatal);
        Assert.IsTrue(DifferentialComparer.Compare(Program, Err("x"), Err("dagger: boom\n   at Dagger.Runtime.Cue.X()"))!.Fatal);
        Assert.IsTrue(DifferentialComparer.Compare(Program, Err("x"), Err("", 134))!.Fatal);
        Assert.IsTrue(DifferentialComparer.Compare(Program, Err("x"), new ProcessResult(-1, "", "", true, TimeSpan.Zero))!.Fatal);
    }
}
