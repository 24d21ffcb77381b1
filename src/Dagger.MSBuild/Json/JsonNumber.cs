namespace Dagger.MSBuild.Json;

/// <summary>A JSON number, kept as its text so that it is written back exactly as the tool wrote it.</summary>
/// <param name="Text">The number as it reads in the JSON document.</param>
internal sealed record JsonNumber(string Text)
{
    /// <summary>The number as an integer, or null when it is not one.</summary>
    public long? AsInt64() =>
        long.TryParse(Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The number as a double, or null when it does not parse.</summary>
    public double? AsDouble() =>
        double.TryParse(Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
}
