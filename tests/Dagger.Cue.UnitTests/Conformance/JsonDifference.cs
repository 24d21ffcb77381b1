namespace Dagger.Cue.UnitTests.Conformance;

/// <summary>The first place where two JSON documents differ.</summary>
/// <param name="Path">A JSONPath-like location, e.g. <c>$.a.b[2]</c>.</param>
/// <param name="Message">What differs there.</param>
/// <param name="OrderOnly">True when the values are equal and only the key order of some object differs.</param>
internal sealed record JsonDifference(string Path, string Message, bool OrderOnly)
{
    public override string ToString() =>
        OrderOnly ? $"key order differs (values equal) at {Path}: {Message}" : $"value mismatch at {Path}: {Message}";
}
