using Dagger.Action.Logging;
using Dagger.Action.Runs;
using Octokit;

namespace Dagger.Action.Reporting;

/// <summary>
/// The problems that have a place in the repository, as check run annotations within GitHub's field limits. A
/// problem without a place cannot be an annotation (GitHub wants a path): it is in the check run's text instead.
/// </summary>
internal static class CheckRunAnnotations
{
    /// <summary>The annotations, errors first, masked.</summary>
    public static IReadOnlyList<(Problem Problem, NewCheckRunAnnotation Annotation)> Of(IEnumerable<Problem> problems, SecretMasker masker) =>
        problems
            .Where(p => p.Location is not null)
            .OrderBy(p => p.Level)
            .Select(p => (p, Annotation(p, masker)))
            .ToList();

    private static NewCheckRunAnnotation Annotation(Problem problem, SecretMasker masker)
    {
        var location = problem.Location!;
        var level = problem.Level switch
        {
            ProblemLevel.Error => CheckAnnotationLevel.Failure,
            ProblemLevel.Warning => CheckAnnotationLevel.Warning,
            _ => CheckAnnotationLevel.Notice,
        };
        var task = problem.Task is null ? "" : $" in {(problem.Task.Length == 0 ? "(root)" : problem.Task)}";
        var annotation = new NewCheckRunAnnotation(
            location.Path,
            location.Line,
            location.EndLine,
            level,
            TextLimits.Utf8(masker.Redact(problem.Message), TextLimits.AnnotationMessageBytes))
        {
            Title = TextLimits.Characters(masker.Redact(problem.Code + task), TextLimits.AnnotationTitle),
            StartColumn = location.Column,
            EndColumn = location.EndColumn,
        };
        if (!problem.Details.IsEmpty)
        {
            annotation.RawDetails = TextLimits.Utf8(masker.Redact(string.Join('\n', problem.Details)), TextLimits.AnnotationMessageBytes);
        }

        return annotation;
    }
}
