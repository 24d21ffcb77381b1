using System.Security.Cryptography;

namespace Dagger.Runtime.BuildKit;

/// <summary>Random identifiers for builds and sessions, in the shape BuildKit uses (25 lower-case base-36 characters).</summary>
internal static class Identifiers
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    internal static string New() => RandomNumberGenerator.GetString(Alphabet, 25);
}
