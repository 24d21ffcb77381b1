using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;

namespace Dagger.Runtime.Engine.Diagnostics;

/// <summary>Errors of the CUE evaluator as dagger reports them: a code for their kind, and spans in the plan.</summary>
public static class CueDiagnostics
{
    /// <summary>The code for the first (most relevant) error of <paramref name="e"/>.</summary>
    public static ErrorCode CodeOf(CueEvalException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Errors.Count == 0 ? (e.Incomplete ? ErrorCodes.CueIncomplete : ErrorCodes.CueEvaluation) : e.Errors[0].Kind switch
        {
            CueErrorKind.Syntax => ErrorCodes.CueSyntax,
            CueErrorKind.Conflict => ErrorCodes.CueConflict,
            CueErrorKind.Incomplete => ErrorCodes.CueIncomplete,
            CueErrorKind.Cycle => ErrorCodes.CueCycle,
            CueErrorKind.Import => ErrorCodes.CueImport,
            CueErrorKind.Package => ErrorCodes.CuePackage,
            _ => e.Incomplete ? ErrorCodes.CueIncomplete : ErrorCodes.CueEvaluation,
        };
    }

    /// <summary>
    /// The evaluator's message without the positions it lists after each error, when there is only one error: the span
    /// and the related spans carry them. Several errors keep their positions, to tell them apart.
    /// </summary>
    public static string MessageOf(CueEvalException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Errors.Count == 1 && e.Errors[0] is { } only
            ? only.Path.Length > 0 ? $"{only.Path}: {only.Message}" : only.Message
            : e.Message;
    }

    /// <summary>
    /// A plan error for <paramref name="e"/>: <paramref name="message"/>, the code of its kind (or
    /// <paramref name="code"/>), the first error's first position as the span and its other positions as related spans,
    /// and the CUE path of the error (or <paramref name="path"/>).
    /// </summary>
    public static Scheduling.PlanException ToPlanException(CueEvalException e, CueContext context, string planDirectory, string message, ErrorCode? code = null, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        var spans = e.Errors.Count == 0
            ? []
            : e.Errors[0].Positions.Select(context.SpanAt).OfType<SourceSpan>().Select(s => PlanFiles.Normalize(s, planDirectory)).ToList();
        return new Scheduling.PlanException(code ?? CodeOf(e), message, spans.Count > 0 ? spans[0] : null, e)
        {
            Related = spans.Count > 1 ? spans[1..] : [],
            Path = path ?? (e.Errors.Count > 0 && e.Errors[0].Path.Length > 0 ? e.Errors[0].Path : null),
        };
    }
}
