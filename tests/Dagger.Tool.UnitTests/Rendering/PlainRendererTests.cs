using Dagger.Runtime.Cue;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Runs;
using Dagger.Tool.Rendering;

namespace Dagger.Tool.UnitTests.Rendering;

[TestClass]
public sealed class PlainRendererTests
{
    [TestMethod]
    public void A_failed_run_ends_with_what_failed_after_the_tasks_it_stopped()
    {
        var error = new DaggerError(ErrorCodes.ExecFailed, "test.#up[1]: exec sh -c 'go test': exited with code 1", new SourceSpan("main.cue", 9, 3, 11, 4)) { Task = "test" };
        var outcome = new RunOutcome
        {
            Result = RunResult.Failure,
            ExitCode = 1,
            Duration = TimeSpan.FromSeconds(15.5),
            Counts = new RunCounts(40, 1, 0, 1, 38, 1, 1, 1),
            Error = error,
        };

        Assert.AreEqual("dagger: test failed (DAG4001); 1 computed, 38 cancelled, 0 skipped in 15.50s", PlainRenderer.Line(new RunCompleted(outcome)));
        Assert.AreEqual("main.cue:9:3: error DAG4001: test.#up[1]: exec sh -c 'go test': exited with code 1", PlainRenderer.Line(new TaskFailed("test", error, null, 1)), "the coded line is the task's own, once");
    }

    [TestMethod]
    public void A_plan_that_fails_before_any_task_ends_with_its_coded_error_alone()
    {
        var outcome = new RunOutcome
        {
            Result = RunResult.Failure,
            ExitCode = 1,
            Duration = TimeSpan.FromSeconds(0.2),
            Error = new DaggerError(ErrorCodes.UnknownOp, "a.#up[0]: unknown op \"nope\"", null),
        };

        Assert.IsNull(PlainRenderer.Line(new RunCompleted(outcome)), "its diagnostic, just before, is the last line");
        Assert.AreEqual("dagger: error DAG2001: a.#up[0]: unknown op \"nope\"", PlainRenderer.Line(new Diagnostic(outcome.Error!)));
    }
}
