namespace Dagger.Tool;

/// <summary>Replaces secret values with <c>***</c> in anything written for the user.</summary>
internal sealed class Redactor(IEnumerable<string> secrets)
{
    // Longest first, so that a secret containing another is hidden whole.
    private readonly string[] secrets = [.. secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    public string Redact(string text)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }
}
