using System.Collections;
using System.Collections.Immutable;

namespace Dagger.Action;

/// <summary>
/// The environment the action runs in, as one immutable map. The program reads every variable through it, and
/// starts the tool from it, so that tests can run the whole action in process with an environment of their own.
/// </summary>
internal sealed record ActionEnvironment(ImmutableDictionary<string, string> Variables)
{
    /// <summary>The environment of this process.</summary>
    public static ActionEnvironment FromProcess()
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string>(KeyComparer);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                builder[key] = value;
            }
        }

        return new ActionEnvironment(builder.ToImmutable());
    }

    /// <summary>An environment made of the given variables.</summary>
    public static ActionEnvironment From(IEnumerable<KeyValuePair<string, string>> variables) =>
        new(variables.ToImmutableDictionary(KeyComparer));

    // Windows compares variable names without regard to case; Linux and macOS do not.
    private static StringComparer KeyComparer => OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>The variable's value, or null when it is not set or empty.</summary>
    public string? Get(string name) => Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>A copy with one variable set.</summary>
    public ActionEnvironment With(string name, string value) => new(Variables.SetItem(name, value));
}
