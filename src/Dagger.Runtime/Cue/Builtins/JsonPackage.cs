using System.Text;
using System.Text.Json;

using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Cue.Export;

using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>encoding/json</c> package.</summary>
internal static class JsonPackage
{
    private const Kind S = Kind.String | Kind.Bytes;

    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Converts parsed JSON to a CUE value, keeping member order and number text.</summary>
    internal static Value FromJson(Evaluator ev, JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => ev.MakeStruct(e.EnumerateObject().Select(p => (p.Name, FromJson(ev, p.Value))).ToList()),
        JsonValueKind.Array => ev.MakeList(e.EnumerateArray().Select(x => FromJson(ev, x)).ToList()),
        JsonValueKind.String => Str(e.GetString()!),
        JsonValueKind.Number => Number(e.GetRawText()),
        JsonValueKind.True => Bool(true),
        JsonValueKind.False => Bool(false),
        _ => NullValue.Instance,
    };

    internal static NumValue Number(string text)
    {
        var isInt = !text.Contains('.') && !text.Contains('e') && !text.Contains('E');
        return new NumValue(CueDecimal.ParseDecimalText(text), isInt);
    }

    internal static JsonDocument Parse(string s, string fn)
    {
        try
        {
            return JsonDocument.Parse(s, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            throw new BuiltinException($"json: invalid JSON in {fn}: {ex.Message}");
        }
    }

    /// <summary>Marshals a value to compact JSON, failing on errors and non-concrete values.</summary>
    internal static string Marshal(Evaluator ev, Value v)
    {
        var d = ev.Deref(v);
        if (d is Bottom b)
        {
            throw new BuiltinException(b.Message, b.IsIncomplete);
        }

        if (d is Vertex vx)
        {
            try
            {
                JsonExporter.Validate(ev, vx);
                return JsonExporter.Export(ev, vx, indent: false);
            }
            catch (CueEvalException ex)
            {
                throw new BuiltinException(ex.Message, ex.Incomplete);
            }
        }

        if (!d.IsConcrete)
        {
            throw new BuiltinException($"incomplete value {d}", true);
        }

        var sb = new StringBuilder();
        JsonExporter.WriteScalar(sb, d);
        return sb.ToString();
    }

    internal static Value Validate(BuiltinCall c, Value data, bool partial)
    {
        var u = c.Ev.Unify([data, c.Args[1]]);
        var d = c.Ev.Deref(u);
        if (d is Bottom b)
        {
            throw new BuiltinException(b.Message, false);
        }

        if (u.ChildError is { } ce)
        {
            throw new BuiltinException(ce.Message);
        }

        if (!partial && d is Vertex vx)
        {
            try
            {
                JsonExporter.Export(c.Ev, vx, indent: false);
            }
            catch (CueEvalException ex)
            {
                throw new BuiltinException(ex.Message);
            }
        }

        return Bool(true);
    }

    private static string Indent(string s, string prefix, string indent)
    {
        using var doc = Parse(s, "Indent");
        var sb = new StringBuilder();
        void Write(JsonElement e, int level)
        {
            string Nl(int l) => "\n" + prefix + string.Concat(Enumerable.Repeat(indent, l));
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    {
                        var props = e.EnumerateObject().ToList();
                        if (props.Count == 0)
                        {
                            sb.Append("{}");
                            return;
                        }

                        sb.Append('{');
                        for (var i = 0; i < props.Count; i++)
                        {
                            sb.Append(i > 0 ? "," : "").Append(Nl(level + 1));
                            JsonExporter.WriteString(sb, props[i].Name);
                            sb.Append(": ");
                            Write(props[i].Value, level + 1);
                        }

                        sb.Append(Nl(level)).Append('}');
                        return;
                    }

                case JsonValueKind.Array:
                    {
                        var items = e.EnumerateArray().ToList();
                        if (items.Count == 0)
                        {
                            sb.Append("[]");
                            return;
                        }

                        sb.Append('[');
                        for (var i = 0; i < items.Count; i++)
                        {
                            sb.Append(i > 0 ? "," : "").Append(Nl(level + 1));
                            Write(items[i], level + 1);
                        }

                        sb.Append(Nl(level)).Append(']');
                        return;
                    }

                default:
                    sb.Append(e.GetRawText());
                    return;
            }
        }

        Write(doc.RootElement, 0);
        return sb.ToString();
    }

    public static PackageValue Create() => new PackageBuilder("encoding/json")
        .Fn("Valid", [S], Kind.Bool, c =>
        {
            try
            {
                using var d = JsonDocument.Parse(c.Bytes(0));
                return Bool(true);
            }
            catch (JsonException)
            {
                return Bool(false);
            }
        })
        .Fn("Compact", [S], Kind.String, c =>
        {
            using var d = Parse(Encoding.UTF8.GetString(c.Bytes(0)), "Compact");
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
            {
                d.RootElement.WriteTo(writer);
            }

            return Str(Encoding.UTF8.GetString(buffer.WrittenSpan));
        })
        .Fn("Indent", [S, Kind.String, Kind.String], Kind.String, c => Str(Indent(Encoding.UTF8.GetString(c.Bytes(0)), c.Str(1), c.Str(2))))
        .Fn("HTMLEscape", [S], Kind.String, c => Str(Encoding.UTF8.GetString(c.Bytes(0)).Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal).Replace("&", "\\u0026", StringComparison.Ordinal).Replace("\u2028", "\\u2028", StringComparison.Ordinal).Replace("\u2029", "\\u2029", StringComparison.Ordinal)))
        .Fn("Marshal", [Kind.Top], Kind.String, c => Str(Marshal(c.Ev, c.Args[0])))
        .Fn("MarshalStream", [Kind.Top], Kind.String, c =>
        {
            var sb = new StringBuilder();
            foreach (var a in c.List(0).Elems)
            {
                sb.Append(Marshal(c.Ev, a)).Append('\n');
            }

            return Str(sb.ToString());
        })
        .Fn("Unmarshal", [S], Kind.Top, c =>
        {
            using var d = Parse(Encoding.UTF8.GetString(c.Bytes(0)), "Unmarshal");
            return FromJson(c.Ev, d.RootElement);
        })
        .Fn("Validate", [S, Kind.Top], Kind.Bool, c =>
        {
            using var d = Parse(Encoding.UTF8.GetString(c.Bytes(0)), "Validate");
            return Validate(c, FromJson(c.Ev, d.RootElement), false);
        })
        .Build();
}
