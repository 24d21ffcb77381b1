using System.Globalization;

namespace Dagger.Runtime.Engine.Diagnostics;

/// <summary>Fills the arguments of a message of <see cref="Messages"/>.</summary>
public static class Message
{
    /// <summary>
    /// <paramref name="template"/> (a property of <see cref="Messages"/>) with <paramref name="args"/> in its
    /// <c>{0}</c>, <c>{1}</c>... places, formatted with the invariant culture, so that messages read the same
    /// everywhere.
    /// </summary>
    public static string Format(string template, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, template, args);
}
