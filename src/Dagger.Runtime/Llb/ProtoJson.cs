using System.Collections;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Dagger.Runtime.Llb;

/// <summary>
/// Writes protobuf messages as JSON for people rather than for parsers: proto field names, numbers as numbers, enum
/// names, permission modes in octal, bytes as text when they are printable UTF-8. Fields at their default are omitted.
/// </summary>
internal static class ProtoJson
{
    public static void Write(Utf8JsonWriter writer, IMessage message)
    {
        writer.WriteStartObject();
        foreach (FieldDescriptor field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            object value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                var map = (IDictionary)value;
                if (map.Count == 0)
                {
                    continue;
                }

                FieldDescriptor valueField = field.MessageType.FindFieldByNumber(2);
                writer.WriteStartObject(field.Name);
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!);
                    WriteValue(writer, valueField, entry.Value!);
                }

                writer.WriteEndObject();
            }
            else if (field.IsRepeated)
            {
                var list = (IList)value;
                if (list.Count == 0)
                {
                    continue;
                }

                writer.WriteStartArray(field.Name);
                foreach (object item in list)
                {
                    WriteValue(writer, field, item);
                }

                writer.WriteEndArray();
            }
            else if (IsSet(message, field, value))
            {
                writer.WritePropertyName(field.Name);
                WriteValue(writer, field, value);
            }
        }

        writer.WriteEndObject();
    }

    private static bool IsSet(IMessage message, FieldDescriptor field, object? value)
    {
        if (field.RealContainingOneof is { } oneof)
        {
            return oneof.Accessor.GetCaseFieldDescriptor(message) == field;
        }

        return value switch
        {
            null => false,
            IMessage => true,
            bool b => b,
            string s => s.Length > 0,
            ByteString bytes => !bytes.IsEmpty,
            Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture) != 0,
            _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture) != 0,
        };
    }

    private static void WriteValue(Utf8JsonWriter writer, FieldDescriptor field, object value)
    {
        switch (value)
        {
            case IMessage message:
                Write(writer, message);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case ByteString bytes:
                writer.WriteStringValue(Text(bytes));
                break;
            case Enum e:
                int number = Convert.ToInt32(e, CultureInfo.InvariantCulture);
                writer.WriteStringValue(field.EnumType.FindValueByNumber(number)?.Name ?? number.ToString(CultureInfo.InvariantCulture));
                break;
            case int mode when field.Name == "mode" && mode >= 0:
                writer.WriteStringValue("0" + Convert.ToString(mode, 8));
                break;
            case uint mode when field.Name == "mode":
                writer.WriteStringValue("0" + Convert.ToString(mode, 8));
                break;
            case int or long or uint or ulong:
                writer.WriteNumberValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>Printable UTF-8 as is; anything else as "base64:…" so that binary content stays unambiguous.</summary>
    private static string Text(ByteString bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes.Span))
        {
            string text = bytes.ToStringUtf8();
            if (!text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) && !text.StartsWith("base64:", StringComparison.Ordinal))
            {
                return text;
            }
        }

        return "base64:" + bytes.ToBase64();
    }
}
