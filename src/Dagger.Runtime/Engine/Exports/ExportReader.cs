using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Ops;

namespace Dagger.Runtime.Engine.Exports;

/// <summary>Parses the bytes of an exported file according to the export's format.</summary>
public static partial class ExportReader
{
    /// <summary>Parses <paramref name="content"/>, read for <paramref name="export"/>.</summary>
    /// <exception cref="OpException">The content does not parse in the export's format.</exception>
    public static ExportedValue Read(ExportOp export, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(export);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException e)
        {
            throw new OpException(export.Source, ErrorCodes.ExportUnreadable, $"export {export.Path}: the file is not UTF-8 text", e);
        }

        return export.Format switch
        {
            ExportFormat.Text => new ExportedValue(JsonSerializer.Serialize(text)),
            ExportFormat.Json => Json(export, text),
            ExportFormat.Yaml => Yaml(export, text),
            ExportFormat.Number => Number(export, text.Trim()),
            ExportFormat.Bool => Bool(export, text.Trim()),
            _ => throw new OpException(export.Source, ErrorCodes.ExportUnreadable, $"export {export.Path}: unknown format {export.Format}"),
        };
    }

    private static ExportedValue Json(ExportOp export, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return new ExportedValue(document.RootElement.GetRawText());
        }
        catch (JsonException e)
        {
            throw new OpException(export.Source, ErrorCodes.ExportUnreadable, $"export {export.Path}: not valid JSON: {e.Message}", e);
        }
    }

    private static ExportedValue Number(ExportOp export, string text) =>
        NumberPattern().IsMatch(text)
            ? new ExportedValue(text.TrimStart('+'))
            : throw new OpException(export.Source, ErrorCodes.ExportUnreadable, $"export {export.Path}: \"{Shorten(text)}\" is not a number");

    private static ExportedValue Bool(ExportOp export, string text) => text switch
    {
        "true" or "false" => new ExportedValue(text),
        _ => throw new OpException(export.Source, ErrorCodes.ExportUnreadable, $"export {export.Path}: \"{Shorten(text)}\" is not a boolean (true or false)"),
    };

    private static ExportedValue Yaml(ExportOp export, string text)
    {
        try
        {
            return new ExportedValue(YamlToJson.Convert(text));
        }
        catch (FormatException e)
        {
            throw new OpException(export.Source, ErrorCodes.ExportUnreadable, $"export {export.Path}: not valid YAML: {e.Message}", e);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 39), "…");

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    internal static partial Regex NumberPattern();
}
