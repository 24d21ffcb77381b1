using System.Text;

using Dagger.Runtime.Cue.Core;

using static Dagger.Runtime.Cue.Builtins.PackageBuilder;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>encoding/base64</c> package; the first argument selects the encoding and must be null.</summary>
internal static class Base64Package
{
    private static void CheckNull(BuiltinCall c)
    {
        if (!c.IsNull(0))
        {
            throw new BuiltinException("base64: unsupported encoding: cannot use value other than null");
        }
    }

    public static PackageValue Create() => new PackageBuilder("encoding/base64")
        .Fn("EncodedLen", [Kind.Null, Kind.Int], Kind.Int, c =>
        {
            CheckNull(c);
            return Int((c.Int(1) + 2) / 3 * 4);
        })
        .Fn("DecodedLen", [Kind.Null, Kind.Int], Kind.Int, c =>
        {
            CheckNull(c);
            return Int(c.Int(1) / 4 * 3);
        })
        .Fn("Encode", [Kind.Null, Kind.Bytes | Kind.String], Kind.String, c =>
        {
            CheckNull(c);
            return Str(Convert.ToBase64String(c.Bytes(1)));
        })
        .Fn("Decode", [Kind.Null, Kind.String], Kind.Bytes, c =>
        {
            CheckNull(c);
            try
            {
                return new BytesValue(Convert.FromBase64String(c.Str(1)));
            }
            catch (FormatException)
            {
                throw new BuiltinException("illegal base64 data");
            }
        })
        .Build();
}

/// <summary>The <c>encoding/hex</c> package.</summary>
internal static class HexPackage
{
    public static PackageValue Create() => new PackageBuilder("encoding/hex")
        .Fn("EncodedLen", [Kind.Int], Kind.Int, c => Int(c.Int(0) * 2))
        .Fn("DecodedLen", [Kind.Int], Kind.Int, c => Int(c.Int(0) / 2))
        .Fn("Encode", [Kind.Bytes | Kind.String], Kind.String, c => Str(Convert.ToHexStringLower(c.Bytes(0))))
        .Fn("Decode", [Kind.String], Kind.Bytes, c =>
        {
            try
            {
                return new BytesValue(Convert.FromHexString(c.Str(0)));
            }
            catch (FormatException)
            {
                throw new BuiltinException("encoding/hex: invalid byte");
            }
        })
        .Fn("Dump", [Kind.Bytes | Kind.String], Kind.String, c =>
        {
            var b = c.Bytes(0);
            var sb = new StringBuilder();
            for (var off = 0; off < b.Length; off += 16)
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{off:x8}  ");
                for (var i = 0; i < 16; i++)
                {
                    sb.Append(off + i < b.Length ? b[off + i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + " " : "   ");
                    if (i == 7)
                    {
                        sb.Append(' ');
                    }
                }

                sb.Append(" |");
                for (var i = off; i < Math.Min(off + 16, b.Length); i++)
                {
                    sb.Append(b[i] is >= 32 and <= 126 ? (char)b[i] : '.');
                }

                sb.Append("|\n");
            }

            return Str(sb.ToString());
        })
        .Build();
}

/// <summary>The <c>encoding/csv</c> package.</summary>
internal static class CsvPackage
{
    private static List<List<string>> Parse(string s)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        var quoted = false;
        var any = false;
        while (i < s.Length)
        {
            var ch = s[i];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i + 1 < s.Length && s[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                    i++;
                    continue;
                }

                field.Append(ch);
                i++;
                continue;
            }

            switch (ch)
            {
                case '"':
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    any = true;
                    break;
            }

            i++;
        }

        if (any || field.Length > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }

    private static string Field(Value v) => v switch
    {
        StringValue s => s.S,
        NumValue n => n.D.ToString(),
        BoolValue b => b.B ? "true" : "false",
        BytesValue by => Encoding.UTF8.GetString(by.B),
        _ => throw new BuiltinException($"unsupported CSV field {v}"),
    };

    // Go's reader takes the first record's width as the rule for every later one.
    private static List<List<string>> SameWidth(List<List<string>> records)
    {
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Count != records[0].Count)
            {
                throw new BuiltinException($"record on line {i + 1}: wrong number of fields");
            }
        }

        return records;
    }

    public static PackageValue Create() => new PackageBuilder("encoding/csv")
        .Fn("Decode", [Kind.String | Kind.Bytes], Kind.List, c =>
            c.Ev.MakeList(SameWidth(Parse(Encoding.UTF8.GetString(c.Bytes(0)))).Select(r => (Value)c.Ev.MakeList(r.Select(Str).ToList())).ToList()))
        .Fn("Encode", [Kind.List], Kind.String, c =>
        {
            var sb = new StringBuilder();
            foreach (var row in c.ListValues(0))
            {
                if (row is not Vertex { IsList: true } rv)
                {
                    throw new BuiltinException("CSV rows must be lists");
                }

                var fields = rv.Elems.Select(a => Field(c.Ev.Deref(a))).Select(f =>
                    f.IndexOfAny([',', '"', '\n', '\r']) >= 0 || f.StartsWith(' ') ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f);
                sb.Append(string.Join(",", fields)).Append('\n');
            }

            return Str(sb.ToString());
        })
        .Build();
}
