namespace Dagger.Cue.UnitTests.Builtins;

/// <summary>What one implementation made of a case: the exported JSON of its value, or the error it reported.</summary>
/// <param name="Json">The value as JSON text; null when evaluation failed.</param>
/// <param name="Error">The error's text when it failed.</param>
internal sealed record BuiltinOutcome(string? Json, string Error)
{
    public bool Failed => Json is null;

    public static BuiltinOutcome Value(string json) => new(json, "");

    public static BuiltinOutcome Failure(string error) => new(null, error);

    public override string ToString() => Json ?? "error: " + Error.Trim();
}
