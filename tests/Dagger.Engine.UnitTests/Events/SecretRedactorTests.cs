using System.Text;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Engine.UnitTests.Events;

[TestClass]
public sealed class SecretRedactorTests
{
    [TestMethod]
    public void A_whole_secret_is_hidden_however_short()
    {
        var redactor = new SecretRedactor(["ab", "", "token-123"]);
        Assert.AreEqual("x *** y *** ***", redactor.Redact("x token-123 y ab ab"));
    }

    [TestMethod]
    public void Each_line_of_a_multi_line_secret_is_hidden_on_its_own()
    {
        var redactor = new SecretRedactor(["first-line\r\nsecond-line\n}\n"]);
        Assert.AreEqual("*** and ***", redactor.Redact("first-line and second-line"));
        Assert.AreEqual("***", redactor.Redact("first-line\r\nsecond-line\n}\n"), "the whole value first");
        Assert.AreEqual("{ }", redactor.Redact("{ }"), "a lone brace is too common to hide");
    }

    [TestMethod]
    public void A_secret_is_hidden_as_it_reads_in_a_json_string()
    {
        var redactor = new SecretRedactor(["a\"b<c>\\d\ne\tf"]);
        Assert.AreEqual("{\"v\":\"***\"}", redactor.Redact("{\"v\":\"a\\\"b\\u003cc\\u003e\\\\d\\ne\\tf\"}"));
    }

    [TestMethod]
    public void A_secret_inside_a_longer_one_does_not_break_the_longer_one_apart()
    {
        var redactor = new SecretRedactor(["pass", "password-1"]);
        Assert.AreEqual("*** and ***", redactor.Redact("password-1 and pass"));
    }

    [TestMethod]
    public void Log_lines_errors_and_tails_are_hidden_and_other_fields_are_kept()
    {
        var redactor = new SecretRedactor(["hunter2"]);
        var op = new OpSource("t.#up[1]") { Task = "t", Index = 1 };
        var log = (TaskLog)redactor.Redact(new TaskLog(op, OutputChannel.Stderr, "pw=hunter2"));
        Assert.AreEqual("pw=***", log.Line);
        Assert.AreEqual(OutputChannel.Stderr, log.Channel);
        Assert.AreSame(op, log.Op);

        var failed = (TaskFailed)redactor.Redact(new TaskFailed("t", new DaggerError(ErrorCodes.ExecFailed, "bad hunter2", null), op, 3) { LogTail = ["a", "hunter2 again"] });
        Assert.AreEqual("bad ***", failed.Error.Message);
        Assert.AreEqual(ErrorCodes.ExecFailed, failed.Error.Code);
        Assert.AreEqual(3, failed.CommandExitCode);
        CollectionAssert.AreEqual(new[] { "a", "*** again" }, failed.LogTail.ToArray());

        var diagnostic = (Diagnostic)redactor.Redact(new Diagnostic(new DaggerError(ErrorCodes.InvalidInput, "input x: hunter2 is not an int", null)));
        Assert.AreEqual("input x: *** is not an int", diagnostic.Error.Message);

        var started = new TaskStarted("a.b", null);
        Assert.AreEqual(started, redactor.Redact(started));
    }

    [TestMethod]
    public void A_secret_is_hidden_in_base64_and_url_encoding_too()
    {
        var redactor = new SecretRedactor(["s3cr3t/pass word"]);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("s3cr3t/pass word"));
        Assert.AreEqual("auth: *** ok", redactor.Redact($"auth: {base64} ok"));
        Assert.AreEqual("https://u:***@host", redactor.Redact("https://u:s3cr3t%2Fpass%20word@host"));
    }

    [TestMethod]
    public void An_outcome_hides_secrets_in_outputs_errors_and_computed_values()
    {
        var redactor = new SecretRedactor(["hunter2"]);
        var outcome = redactor.Redact(new RunOutcome
        {
            Result = RunResult.Failure,
            ExitCode = 1,
            Duration = TimeSpan.Zero,
            Outputs = [new PlanOutput("token", "\"hunter2\"", "\"hunter2\"")],
            Error = new DaggerError(ErrorCodes.ExecFailed, "echo hunter2 failed", null),
            ComputedJson = "{\"token\":\"hunter2\"}",
        });
        Assert.AreEqual("\"***\"", outcome.Outputs[0].Json);
        Assert.AreEqual("\"***\"", outcome.Outputs[0].Cue);
        Assert.AreEqual("echo *** failed", outcome.Error?.Message);
        Assert.AreEqual("{\"token\":\"***\"}", outcome.ComputedJson);
    }
}
