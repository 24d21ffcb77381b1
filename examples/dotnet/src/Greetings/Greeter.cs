namespace Greetings;

/// <summary>Greets people by name.</summary>
public static class Greeter
{
    /// <summary>The greeting for <paramref name="name"/>; a blank name greets the world.</summary>
    public static string Greet(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Hello, world!" : $"Hello, {name.Trim()}!";
}
