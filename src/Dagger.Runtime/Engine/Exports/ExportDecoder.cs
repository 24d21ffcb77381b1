using System.Text.RegularExpressions;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Exports;

/// <summary>
/// Parses an exported text, once, into the CUE value that is filled into the plan: with the evaluator's own JSON and
/// YAML decoders (those of <c>encoding/json</c> and <c>encoding/yaml</c>), so that a value reads the same exported or
/// unmarshalled in CUE.
/// </summary>
public static partial class ExportDecoder
{
    /// <summary>The value of <paramref name="exported"/> in <paramref name="context"/>.</summary>
    /// <exception cref="OpException">The text does not parse in the export's format.</exception>
    public static CueValue Decode(CueContext context, ExportedValue exported)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exported);
        var export = exported.Op;
        var text = exported.Text;
        try
        {
            return export.Format switch
            {
                ExportFormat.Text => context.DecodeJson(CueJson.Quote(text)),
                ExportFormat.Json => context.DecodeJson(text),
                ExportFormat.Yaml => context.DecodeYaml(text),
                ExportFormat.Number => NumberPattern().IsMatch(text.Trim())
                    ? context.DecodeJson(text.Trim().TrimStart('+'))
                    : throw Unreadable(export, Message.Format(Messages.ExportNotANumber, Shorten(text.Trim()))),
                ExportFormat.Bool => text.Trim() is "true" or "false"
                    ? context.DecodeJson(text.Trim())
                    : throw Unreadable(export, Message.Format(Messages.ExportNotABoolean, Shorten(text.Trim()))),
                _ => throw Unreadable(export, Message.Format(Messages.ExportUnknownFormat, export.Format)),
            };
        }
        catch (CueEvalException e)
        {
            throw Unreadable(export, Message.Format(Messages.ExportNotValid, (export.Format == ExportFormat.Yaml ? "YAML" : "JSON"), e.Message), e);
        }
    }

    private static OpException Unreadable(ExportOp export, string message, Exception? inner = null) =>
        new(export.Source, ErrorCodes.ExportUnreadable, $"export {export.Path}: {message}", inner);

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 39), "…");

    // A JSON number, with a leading '+' allowed (the original dagger accepted it).
    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
