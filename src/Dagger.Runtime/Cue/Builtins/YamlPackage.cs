using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Cue.Export;

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>encoding/yaml</c> package (YAML 1.2 core schema: <c>yes</c> stays a string).</summary>
internal static partial class YamlPackage
{
    private const Kind S = Kind.String | Kind.Bytes;

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9_]*)$")]
    private static partial Regex IntRe();

    // v0.4's YAML float: the exponent needs its sign, so 1e3 stays a string (underscores are dropped first).
    [GeneratedRegex(@"^[-+]?[0-9]*\.?[0-9]+([eE][-+][0-9]+)?$")]
    private static partial Regex FloatRe();

    // A scalar that starts with a dot is a float when Go's ParseFloat reads it.
    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$")]
    private static partial Regex DotFloatRe();

    private static Value Scalar(YamlScalarNode n)
    {
        var s = n.Value ?? "";
        if (n.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return Str(s);
        }

        if (!n.Tag.IsEmpty && !n.Tag.IsNonSpecific && n.Tag.Value == "tag:yaml.org,2002:str")
        {
            return Str(s);
        }

        switch (s)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return NullValue.Instance;
            case "true" or "True" or "TRUE":
                return Bool(true);
            case "false" or "False" or "FALSE":
                return Bool(false);
        }

        if (IntRe().IsMatch(s))
        {
            return NumValue.Int(System.Numerics.BigInteger.Parse(s.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture));
        }

        if (s.StartsWith("0x", StringComparison.Ordinal) || s.StartsWith("0o", StringComparison.Ordinal) || s.StartsWith("0b", StringComparison.Ordinal))
        {
            try
            {
                return new NumValue(CueDecimal.ParseLiteral(s, out _), true);
            }
            catch (FormatException)
            {
                return Str(s);
            }
        }

        var plain = s.Replace("_", "", StringComparison.Ordinal);
        if (s.StartsWith('.') ? DotFloatRe().IsMatch(s) : FloatRe().IsMatch(plain))
        {
            return new NumValue(CueDecimal.ParseDecimalText(s.StartsWith('.') ? s : plain), false);
        }

        return Str(s);
    }

    private static Value FromNode(Evaluator ev, YamlNode n) => n switch
    {
        YamlMappingNode m => ev.MakeStruct(m.Children.Select(kv => (((YamlScalarNode)kv.Key).Value ?? "", FromNode(ev, kv.Value))).ToList()),
        YamlSequenceNode q => ev.MakeList(q.Children.Select(x => FromNode(ev, x)).ToList()),
        YamlScalarNode s => Scalar(s),
        _ => NullValue.Instance,
    };

    internal static List<Value> Documents(Evaluator ev, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new BuiltinException($"yaml: {ex.Message}");
        }

        return stream.Documents.Select(d => FromNode(ev, d.RootNode)).ToList();
    }

    private static string Marshal(Evaluator ev, Value v)
    {
        var d = ev.Deref(v);
        if (d is Bottom b)
        {
            throw new BuiltinException(b.Message, b.IsIncomplete);
        }

        try
        {
            var vx = d as Vertex ?? ev.MakeList([d]).Arcs[0];
            JsonExporter.Validate(ev, vx);
            return YamlExporter.Export(ev, vx);
        }
        catch (CueEvalException ex)
        {
            throw new BuiltinException(ex.Message, ex.Incomplete);
        }
    }

    public static PackageValue Create() => new PackageBuilder("encoding/yaml")
        .Fn("Marshal", [Kind.Top], Kind.String, c => Str(Marshal(c.Ev, c.Args[0])))
        .Fn("MarshalStream", [Kind.Top], Kind.String, c =>
        {
            var parts = c.List(0).Elems.Select(a => Marshal(c.Ev, a)).ToList();
            return Str(string.Join("---\n", parts));
        })
        .Fn("Unmarshal", [S], Kind.Top, c =>
        {
            var docs = Documents(c.Ev, Encoding.UTF8.GetString(c.Bytes(0)));
            return docs.Count == 0 ? NullValue.Instance : docs[0];
        })
        .Fn("Validate", [S, Kind.Top], Kind.Bool, c =>
        {
            foreach (var d in Documents(c.Ev, Encoding.UTF8.GetString(c.Bytes(0))))
            {
                JsonPackage.Validate(c, d, false);
            }

            return Bool(true);
        })
        .Fn("ValidatePartial", [S, Kind.Top], Kind.Bool, c =>
        {
            foreach (var d in Documents(c.Ev, Encoding.UTF8.GetString(c.Bytes(0))))
            {
                JsonPackage.Validate(c, d, true);
            }

            return Bool(true);
        })
        .Build();
}
