using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf;

namespace Dagger.Runtime.Llb;

/// <summary>Human-readable renderings of a definition for tests and dry runs.</summary>
internal static class LlbDump
{
    public static string Json(LlbDefinition definition)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("result", definition.Result?.Value);
            writer.WriteStartArray("ops");
            foreach (LlbOp op in definition.Ops)
            {
                writer.WriteStartObject();
                writer.WriteString("digest", op.Digest.Value);
                writer.WriteString("kind", op.Kind);
                writer.WriteStartArray("inputs");
                foreach (Pb.Input input in op.Op.Inputs)
                {
                    writer.WriteStartObject();
                    writer.WriteString("digest", input.Digest);
                    writer.WriteNumber("index", input.Index);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                Pb.Op fields = op.Op.Clone();
                fields.Inputs.Clear();
                WriteMessage(writer, "op", fields);
                if (op.Metadata is not null)
                {
                    WriteMessage(writer, "metadata", op.Metadata);
                }

                IReadOnlyList<string> locations = definition.LocationsOf(op.Digest);
                if (locations.Count > 0)
                {
                    writer.WriteStartArray("locations");
                    foreach (string location in locations)
                    {
                        writer.WriteStringValue(location);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Dot(LlbDefinition definition)
    {
        var sb = new StringBuilder("digraph llb {\n  node [shape=box];\n");
        foreach (LlbOp op in definition.Ops)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  \"{op.Digest}\" [label=\"{Escape(Label(op))}\\n{op.Digest.Abbreviated}\"];\n");
        }

        foreach (LlbOp op in definition.Ops)
        {
            foreach (Pb.Input input in op.Op.Inputs)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  \"{input.Digest}\" -> \"{op.Digest}\" [label=\"{input.Index}\"];\n");
            }
        }

        return sb.Append("}\n").ToString();
    }

    private static void WriteMessage(Utf8JsonWriter writer, string name, IMessage message)
    {
        writer.WritePropertyName(name);
        ProtoJson.Write(writer, message);
    }

    private static string Label(LlbOp op)
    {
        if (op.CustomName is { } name)
        {
            return name;
        }

        return op.Op.OpCase switch
        {
            Pb.Op.OpOneofCase.Source => op.Op.Source.Identifier,
            Pb.Op.OpOneofCase.Exec => "exec " + string.Join(' ', op.Op.Exec.Meta?.Args ?? []),
            Pb.Op.OpOneofCase.File => "file " + string.Join("; ", op.Op.File.Actions.Select(DescribeAction)),
            Pb.Op.OpOneofCase.Build => "build",
            _ => "result",
        };
    }

    private static string DescribeAction(Pb.FileAction action) => action.ActionCase switch
    {
        Pb.FileAction.ActionOneofCase.Copy => $"copy {action.Copy.Src} {action.Copy.Dest}",
        Pb.FileAction.ActionOneofCase.Mkfile => "mkfile " + action.Mkfile.Path,
        Pb.FileAction.ActionOneofCase.Mkdir => "mkdir " + action.Mkdir.Path,
        Pb.FileAction.ActionOneofCase.Rm => "rm " + action.Rm.Path,
        _ => "?",
    };

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}
