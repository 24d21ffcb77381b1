using System.Security.Cryptography;

namespace Dagger.Runtime.Llb;

/// <summary>A content digest in BuildKit's textual form, <c>sha256:&lt;64 lower-case hex digits&gt;</c>.</summary>
/// <param name="Value">The full digest text, algorithm prefix included.</param>
public readonly record struct Digest(string Value)
{
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>The digest of <paramref name="bytes"/>: "sha256:" followed by the lower-case hex SHA-256.</summary>
    public static Digest FromBytes(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return new Digest("sha256:" + Convert.ToHexStringLower(hash));
    }

    /// <summary>Whether <paramref name="text"/> is a well-formed sha256, sha384 or sha512 digest.</summary>
    public static bool IsValid(string? text)
    {
        if (text is null)
        {
            return false;
        }

        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        int expected = text[..colon] switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => -1,
        };
        ReadOnlySpan<char> hex = text.AsSpan(colon + 1);
        return expected == hex.Length && !hex.ContainsAnyExcept(LowerHex);
    }

    /// <summary>The first 12 hex digits, as BuildKit's progress output shortens digests.</summary>
    public string Abbreviated => Value.Length > 19 && Value.StartsWith("sha256:", StringComparison.Ordinal) ? Value[7..19] : Value;

    /// <inheritdoc />
    public override string ToString() => Value;
}
