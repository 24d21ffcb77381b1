using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dagger.Runtime.Engine.Exports;

/// <summary>Turns one YAML document into JSON text, resolving plain scalars by YAML 1.2's core schema.</summary>
internal static class YamlToJson
{
    /// <summary>Converts <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text is not one YAML document, or has keys that are not strings.</exception>
    public static string Convert(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new FormatException($"line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }

        if (stream.Documents.Count != 1)
        {
            throw new FormatException($"expected one YAML document, found {stream.Documents.Count}");
        }

        var json = new StringBuilder();
        Write(stream.Documents[0].RootNode, json);
        return json.ToString();
    }

    private static void Write(YamlNode node, StringBuilder json)
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
                        throw new FormatException($"line {key.Start.Line}: keys must be strings");
                    }

                    json.Append(first ? string.Empty : ",").Append(JsonSerializer.Serialize(name)).Append(':');
                    Write(value, json);
                    first = false;
                }

                json.Append('}');
                break;
            case YamlSequenceNode sequence:
                json.Append('[');
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    json.Append(i == 0 ? string.Empty : ",");
                    Write(sequence.Children[i], json);
                }

                json.Append(']');
                break;
            case YamlScalarNode scalar:
                json.Append(Scalar(scalar));
                break;
            default:
                throw new FormatException($"line {node.Start.Line}: unsupported YAML node");
        }
    }

    // Plain scalars may be null, booleans or numbers; quoted ones are always strings.
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

            if (ExportReader.NumberPattern().IsMatch(value))
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
}
