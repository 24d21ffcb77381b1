using Dagger.Action.Errors;

namespace Dagger.Action.Inputs;

/// <summary>
/// Reads the action's inputs the way the Actions toolkit's <c>getInput</c> does: from <c>INPUT_</c> + the name
/// upper-cased with spaces turned into <c>_</c> (hyphens stay), trimmed; an input that is not set reads as empty.
/// </summary>
internal sealed class InputReader(ActionEnvironment environment)
{
    /// <summary>The environment variable that carries an input.</summary>
    public static string VariableName(string input) => "INPUT_" + input.Replace(' ', '_').ToUpperInvariant();

    /// <summary>The input's trimmed value, or empty.</summary>
    public string Get(string name) => (environment.Get(VariableName(name)) ?? "").Trim();

    /// <summary>The input's value, or <paramref name="fallback"/> when it is empty.</summary>
    public string Get(string name, string fallback) => Get(name) is { Length: > 0 } value ? value : fallback;

    /// <summary>
    /// A boolean input in YAML 1.2's core schema (<c>true</c>, <c>True</c>, <c>TRUE</c>, and the same for false), as
    /// the toolkit's <c>getBooleanInput</c> reads it; anything else is an error that names the input.
    /// </summary>
    public bool GetBoolean(string name, bool fallback)
    {
        var value = Get(name);
        return value switch
        {
            "" => fallback,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => throw new ActionException(
                ActionCodes.InvalidInput,
                $"input '{name}' is '{value}': it must be true or false (YAML 1.2: true, True, TRUE, false, False, FALSE)"),
        };
    }

    /// <summary>A multi-line input: one value a line, each trimmed, empty lines dropped; no shell splitting.</summary>
    public IReadOnlyList<string> GetLines(string name) =>
        (environment.Get(VariableName(name)) ?? "")
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .ToArray();
}
