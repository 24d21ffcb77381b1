using Dagger.Action.Logging;
using Dagger.Action.Runs;

namespace Dagger.Action.Reporting;

/// <summary>
/// Problems as workflow-command annotations (<c>::error file=…,line=…::message</c>), the report that needs no API.
/// The runner shows at most 10 of each level a step: errors come first, and what does not fit is counted in a
/// notice that points at the job summary, where every problem is listed.
/// </summary>
internal static class WorkflowAnnotations
{
    /// <summary>Writes the annotations; returns how many were left out.</summary>
    public static int Write(LogWriter log, IEnumerable<Problem> problems)
    {
        var omitted = 0;
        foreach (var group in problems.GroupBy(p => p.Level).OrderBy(g => g.Key))
        {
            var command = group.Key switch
            {
                ProblemLevel.Error => "error",
                ProblemLevel.Warning => "warning",
                _ => "notice",
            };
            foreach (var problem in group.Take(TextLimits.WorkflowAnnotationsPerLevel))
            {
                var location = problem.Location;
                var task = problem.Task is null ? "" : $" in {(problem.Task.Length == 0 ? "(root)" : problem.Task)}";
                var message = problem.Details.IsEmpty ? problem.Message : problem.Message + "\n" + string.Join('\n', problem.Details);
                log.Command(
                    command,
                    TextLimits.Utf8(message, TextLimits.AnnotationMessageBytes),
                    ("file", location?.Path),
                    ("line", location?.Line),
                    ("endLine", location?.EndLine),
                    ("col", location?.Column),
                    ("endColumn", location?.EndColumn),
                    ("title", TextLimits.Characters(problem.Code + task, TextLimits.AnnotationTitle)));
            }

            omitted += Math.Max(0, group.Count() - TextLimits.WorkflowAnnotationsPerLevel);
        }

        return omitted;
    }
}
