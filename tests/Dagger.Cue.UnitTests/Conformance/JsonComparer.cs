using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dagger.Cue.UnitTests.Conformance;

/// <summary>
/// Compares JSON the way CUE's export must be compared: objects as ordered maps (same keys, same values, same key
/// order) and numbers by exact decimal value and by kind (<c>7.0</c> is a float, <c>7</c> an int, and they differ).
/// Value differences are reported before order differences, so a key-order report means the values are equal.
/// </summary>
internal static partial class JsonComparer
{
    /// <summary>Parses both texts and compares them; a parse failure of <paramref name="actual"/> is a difference.</summary>
    public static JsonDifference? Compare(string expected, string actual)
    {
        using var exp = JsonDocument.Parse(expected);
        JsonDocument got;
        try
        {
            got = JsonDocument.Parse(actual);
        }
        catch (JsonException e)
        {
            return new JsonDifference("$", "output is not valid JSON: " + e.Message, false);
        }

        using (got)
        {
            return Compare(exp.RootElement, got.RootElement);
        }
    }

    /// <summary>Compares two parsed values; null when they are equal in value, kind and key order.</summary>
    public static JsonDifference? Compare(JsonElement expected, JsonElement actual) =>
        ValueDiff(expected, actual, "$") ?? OrderDiff(expected, actual, "$");

    /// <summary>True when a JSON number's text is float-kinded in CUE's sense (it has a fraction or an exponent).</summary>
    public static bool IsFloatText(string number) => number.AsSpan().IndexOfAny('.', 'e', 'E') >= 0;

    /// <summary>Exact decimal equality of two JSON number texts: <c>1.50</c> equals <c>1.5</c> and <c>15E-1</c>.</summary>
    public static bool NumbersEqual(string a, string b) => Canonical(a) == Canonical(b);

    private static JsonDifference? ValueDiff(JsonElement a, JsonElement b, string path)
    {
        if (Kind(a) != Kind(b))
        {
            return new JsonDifference(path, $"expected {Short(a)}, got {Short(b)}", false);
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                var ta = a.GetRawText();
                var tb = b.GetRawText();
                if (!NumbersEqual(ta, tb))
                {
                    return new JsonDifference(path, $"expected {ta}, got {tb}", false);
                }

                return IsFloatText(ta) != IsFloatText(tb)
                    ? new JsonDifference(path, $"number kind differs: expected {ta}, got {tb}", false)
                    : null;
            case JsonValueKind.String:
                return a.GetString() == b.GetString()
                    ? null
                    : new JsonDifference(path, $"expected {Short(a)}, got {Short(b)}", false);
            case JsonValueKind.Array:
                var la = a.GetArrayLength();
                var lb = b.GetArrayLength();
                if (la != lb)
                {
                    return new JsonDifference(path, $"list length: expected {la}, got {lb}", false);
                }

                for (var i = 0; i < la; i++)
                {
                    var d = ValueDiff(a[i], b[i], $"{path}[{i}]");
                    if (d is not null)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.Object:
                return ObjectValueDiff(a, b, path);
            default:
                return a.ValueKind == b.ValueKind
                    ? null
                    : new JsonDifference(path, $"expected {Short(a)}, got {Short(b)}", false);
        }
    }

    private static JsonDifference? ObjectValueDiff(JsonElement a, JsonElement b, string path)
    {
        var keysA = a.EnumerateObject().Select(p => p.Name).ToList();
        var keysB = b.EnumerateObject().Select(p => p.Name).ToList();
        var duplicate = keysB.GroupBy(k => k, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return new JsonDifference(path, $"duplicate key \"{duplicate.Key}\" in output object", false);
        }

        var setA = keysA.ToHashSet(StringComparer.Ordinal);
        var setB = keysB.ToHashSet(StringComparer.Ordinal);
        var missing = keysA.Where(k => !setB.Contains(k)).ToList();
        var extra = keysB.Where(k => !setA.Contains(k)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0)
            {
                parts.Add("missing field(s) " + Names(missing));
            }

            if (extra.Count > 0)
            {
                parts.Add("unexpected field(s) " + Names(extra));
            }

            return new JsonDifference(path, string.Join("; ", parts), false);
        }

        foreach (var key in keysA)
        {
            var d = ValueDiff(a.GetProperty(key), b.GetProperty(key), Child(path, key));
            if (d is not null)
            {
                return d;
            }
        }

        return null;
    }

    private static JsonDifference? OrderDiff(JsonElement a, JsonElement b, string path)
    {
        if (a.ValueKind == JsonValueKind.Object)
        {
            var keysA = a.EnumerateObject().Select(p => p.Name).ToList();
            var keysB = b.EnumerateObject().Select(p => p.Name).ToList();
            if (!keysA.SequenceEqual(keysB, StringComparer.Ordinal))
            {
                return new JsonDifference(path, $"expected key order {Names(keysA, 8)} got {Names(keysB, 8)}", true);
            }

            foreach (var key in keysA)
            {
                var d = OrderDiff(a.GetProperty(key), b.GetProperty(key), Child(path, key));
                if (d is not null)
                {
                    return d;
                }
            }
        }
        else if (a.ValueKind == JsonValueKind.Array)
        {
            for (var i = 0; i < a.GetArrayLength(); i++)
            {
                var d = OrderDiff(a[i], b[i], $"{path}[{i}]");
                if (d is not null)
                {
                    return d;
                }
            }
        }

        return null;
    }

    // true and false are one kind; a JSON number's int/float kind is checked separately with its value.
    private static JsonValueKind Kind(JsonElement e) => e.ValueKind == JsonValueKind.False ? JsonValueKind.True : e.ValueKind;

    private static string Child(string path, string key) =>
        IdentifierRegex().IsMatch(key) ? path + "." + key : path + "[" + JsonSerializer.Serialize(key) + "]";

    private static string Names(List<string> keys, int max = 5) =>
        string.Join(",", keys.Take(max)) + (keys.Count > max ? "..." : "");

    private static string Short(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    // (coefficient without trailing zeros, exponent); zero has one form whatever its sign or exponent.
    private static (BigInteger Coefficient, BigInteger Exponent) Canonical(string number)
    {
        var m = NumberRegex().Match(number);
        if (!m.Success)
        {
            throw new FormatException($"not a JSON number: {number}");
        }

        var digits = m.Groups["int"].Value + m.Groups["frac"].Value;
        var coefficient = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (coefficient.IsZero)
        {
            return (BigInteger.Zero, BigInteger.Zero);
        }

        var exponent = (m.Groups["exp"].Success
            ? BigInteger.Parse(m.Groups["exp"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            : BigInteger.Zero) - m.Groups["frac"].Value.Length;
        while (coefficient % 10 == 0)
        {
            coefficient /= 10;
            exponent++;
        }

        return (m.Groups["sign"].Value == "-" ? -coefficient : coefficient, exponent);
    }

    [GeneratedRegex(@"^(?<sign>-?)(?<int>\d+)(?:\.(?<frac>\d+))?(?:[eE](?<exp>[+-]?\d+))?$")]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"^[A-Za-z_$#][\w$#]*$")]
    private static partial Regex IdentifierRegex();
}
