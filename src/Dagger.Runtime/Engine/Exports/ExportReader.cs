using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Ops;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
            throw new OpException(export.Source, $"export {export.Path}: the file is not UTF-8 text", e);
        }

        return export.Format switch
        {
            ExportFormat.Text => new ExportedValue(JsonSerializer.Serialize(text)),
            ExportFormat.Json => Json(export, text),
            ExportFormat.Yaml => Yaml(export, text),
            ExportFormat.Number => Number(export, text.Trim()),
            ExportFormat.Bool => Bool(export, text.Trim()),
            _ => throw new OpException(export.Source, $"export {export.Path}: unknown format {export.Format}"),
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
            throw new OpException(export.Source, $"export {export.Path}: not valid JSON: {e.Message}", e);
        }
    }

    private static ExportedValue Number(ExportOp export, string text) =>
        NumberPattern().IsMatch(text)
            ? new ExportedValue(text.TrimStart('+'))
            : throw new OpException(export.Source, $"export {export.Path}: \"{Shorten(text)}\" is not a number");

    private static ExportedValue Bool(ExportOp export, string text) => text switch
    {
        "true" or "false" => new ExportedValue(text),
        _ => throw new OpException(export.Source, $"export {export.Path}: \"{Shorten(text)}\" is not a boolean (true or false)"),
    };

    private static ExportedValue Yaml(ExportOp export, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new OpException(export.Source, $"export {export.Path}: not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }

        if (stream.Documents.Count != 1)
        {
            throw new OpException(export.Source, $"export {export.Path}: expected one YAML document, found {stream.Documents.Count}");
        }

        var json = new StringBuilder();
        WriteYaml(export, stream.Documents[0].RootNode, json);
        return new ExportedValue(json.ToString());
    }

    private static void WriteYaml(ExportOp export, YamlNode node, StringBuilder json)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                json.Append('{');
                var first = true;
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw new OpException(export.Source, $"export {export.Path}: YAML keys must be strings (line {key.Start.Line})");
                    }

                    json.Append(first ? string.Empty : ",").Append(JsonSerializer.Serialize(name)).Append(':');
                    WriteYaml(export, value, json);
                    first = false;
                }

                json.Append('}');
                break;
            case YamlSequenceNode sequence:
                json.Append('[');
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    json.Append(i == 0 ? string.Empty : ",");
                    WriteYaml(export, sequence.Children[i], json);
                }

                json.Append(']');
                break;
            case YamlScalarNode scalar:
                json.Append(Scalar(scalar));
                break;
            default:
                throw new OpException(export.Source, $"export {export.Path}: unsupported YAML node at line {node.Start.Line}");
        }
    }

    // YAML 1.2 core schema: plain scalars may be null, booleans or numbers; quoted ones are always strings.
    private static string Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.Plain)
        {
            switch (value)
            {
                case "" or "~" or "null" or "Null" or "NULL":
                    return "null";
                case "true" or "True" or "TRUE":
                    return "true";
                case "false" or "False" or "FALSE":
                    return "false";
            }

            if (NumberPattern().IsMatch(value))
            {
                return value.TrimStart('+');
            }

            if (value.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                return hex.ToString(CultureInfo.InvariantCulture);
            }
        }

        return JsonSerializer.Serialize(value);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 39), "…");

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
