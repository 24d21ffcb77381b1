using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Dagger.Runtime.Engine.Environments.Age;

/// <summary>
/// The age v1 file format (age-encryption.org/v1) for X25519 recipients, with its ASCII armour: a random file key is
/// wrapped for each recipient, the header is authenticated with HMAC-SHA256, and the payload is sealed with
/// ChaCha20-Poly1305 in 64 KiB chunks (the STREAM construction). The primitives come from NSec (libsodium).
/// </summary>
internal static class AgeFormat
{
    private const string Version = "age-encryption.org/v1";
    private const string X25519Label = "age-encryption.org/v1/X25519";
    private const string ArmorBegin = "-----BEGIN AGE ENCRYPTED FILE-----";
    private const string ArmorEnd = "-----END AGE ENCRYPTED FILE-----";
    private const int ChunkSize = 64 * 1024;
    private const int TagSize = 16;

    private static readonly KeyAgreementAlgorithm X25519 = KeyAgreementAlgorithm.X25519;
    private static readonly AeadAlgorithm ChaCha = AeadAlgorithm.ChaCha20Poly1305;
    private static readonly KeyDerivationAlgorithm2 Hkdf = KeyDerivationAlgorithm.HkdfSha256;

    /// <summary>Encrypts <paramref name="plaintext"/> for every recipient (raw X25519 public keys), armoured.</summary>
    public static string EncryptArmored(ReadOnlySpan<byte> plaintext, IReadOnlyList<byte[]> recipients)
    {
        if (recipients.Count == 0)
        {
            throw new ArgumentException("at least one recipient is needed", nameof(recipients));
        }

        var fileKey = RandomNumberGenerator.GetBytes(16);
        var header = new StringBuilder();
        header.Append(Version).Append('\n');
        foreach (var recipient in recipients)
        {
            using var ephemeral = Key.Create(X25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
            var share = ephemeral.PublicKey.Export(KeyBlobFormat.RawPublicKey);
            var them = PublicKey.Import(X25519, recipient, KeyBlobFormat.RawPublicKey);
            using var shared = X25519.Agree(ephemeral, them) ?? throw new CryptographicException("invalid X25519 recipient");
            var wrapKey = Hkdf.Expand(Hkdf.Extract(shared, [.. share, .. recipient]), Encoding.ASCII.GetBytes(X25519Label), 32);
            var body = Seal(wrapKey, new byte[12], fileKey);
            header.Append("-> X25519 ").Append(RawBase64(share)).Append('\n');
            AppendWrapped(header, RawBase64(body));
        }

        header.Append("---");
        var mac = HeaderMac(fileKey, header.ToString());
        header.Append(' ').Append(RawBase64(mac)).Append('\n');

        var nonce = RandomNumberGenerator.GetBytes(16);
        var payloadKey = Hkdf.Expand(Hkdf.Extract(fileKey, nonce), "payload"u8, 32);
        using var output = new MemoryStream();
        output.Write(Encoding.ASCII.GetBytes(header.ToString()));
        output.Write(nonce);
        var counter = 0L;
        var offset = 0;
        do
        {
            var length = Math.Min(ChunkSize, plaintext.Length - offset);
            var last = offset + length >= plaintext.Length;
            output.Write(Seal(payloadKey, ChunkNonce(counter++, last), plaintext.Slice(offset, length)));
            offset += length;
        }
        while (offset < plaintext.Length);

        var armored = new StringBuilder();
        armored.Append(ArmorBegin).Append('\n');
        var encoded = Convert.ToBase64String(output.ToArray());
        for (var i = 0; i < encoded.Length; i += 64)
        {
            armored.Append(encoded.AsSpan(i, Math.Min(64, encoded.Length - i))).Append('\n');
        }

        return armored.Append(ArmorEnd).Append('\n').ToString();
    }

    /// <summary>Decrypts an age file (armoured or binary) with one of <paramref name="identities"/> (raw X25519 private keys).</summary>
    /// <exception cref="AgeException">No identity opens it, or it is not a valid age file.</exception>
    public static byte[] Decrypt(ReadOnlySpan<byte> file, IReadOnlyList<byte[]> identities)
    {
        var data = Dearmor(file);
        var (stanzas, headerText, mac, payloadStart) = ParseHeader(data);
        byte[]? fileKey = null;
        foreach (var stanza in stanzas.Where(s => s.Type == "X25519"))
        {
            if (stanza.Args.Count != 1 || stanza.Body.Length != 32)
            {
                throw new AgeException("malformed X25519 recipient stanza");
            }

            var share = FromRawBase64(stanza.Args[0]);
            foreach (var identity in identities)
            {
                using var key = Key.Import(X25519, identity, KeyBlobFormat.RawPrivateKey);
                var ours = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
                using var shared = X25519.Agree(key, PublicKey.Import(X25519, share, KeyBlobFormat.RawPublicKey));
                if (shared is null)
                {
                    continue;
                }

                var wrapKey = Hkdf.Expand(Hkdf.Extract(shared, [.. share, .. ours]), Encoding.ASCII.GetBytes(X25519Label), 32);
                fileKey = Open(wrapKey, new byte[12], stanza.Body);
                if (fileKey is not null)
                {
                    break;
                }
            }

            if (fileKey is not null)
            {
                break;
            }
        }

        if (fileKey is null)
        {
            throw new AgeException("no identity matched any of the recipients");
        }

        if (!CryptographicOperations.FixedTimeEquals(HeaderMac(fileKey, headerText), mac))
        {
            throw new AgeException("the header's MAC does not match");
        }

        if (data.Length - payloadStart < 16)
        {
            throw new AgeException("the payload is truncated");
        }

        var nonce = data.AsSpan(payloadStart, 16);
        var payloadKey = Hkdf.Expand(Hkdf.Extract(fileKey, nonce), "payload"u8, 32);
        var payload = data.AsSpan(payloadStart + 16);
        using var plaintext = new MemoryStream();
        var counter = 0L;
        var offset = 0;
        while (true)
        {
            var length = Math.Min(ChunkSize + TagSize, payload.Length - offset);
            var last = offset + length >= payload.Length;
            var chunk = Open(payloadKey, ChunkNonce(counter++, last), payload.Slice(offset, length))
                ?? throw new AgeException("the payload does not authenticate");
            if (chunk.Length == 0 && counter > 1)
            {
                throw new AgeException("the payload ends with an empty chunk");
            }

            plaintext.Write(chunk);
            offset += length;
            if (last)
            {
                break;
            }
        }

        return plaintext.ToArray();
    }

    private static byte[] HeaderMac(byte[] fileKey, string header)
    {
        var macKey = Hkdf.Expand(Hkdf.Extract(fileKey, []), "header"u8, 32);
        using var key = Key.Import(MacAlgorithm.HmacSha256, macKey, KeyBlobFormat.RawSymmetricKey);
        return MacAlgorithm.HmacSha256.Mac(key, Encoding.ASCII.GetBytes(header));
    }

    private static byte[] Seal(byte[] key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext)
    {
        using var k = Key.Import(ChaCha, key, KeyBlobFormat.RawSymmetricKey);
        return ChaCha.Encrypt(k, nonce, [], plaintext);
    }

    private static byte[]? Open(byte[] key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length < TagSize)
        {
            return null;
        }

        using var k = Key.Import(ChaCha, key, KeyBlobFormat.RawSymmetricKey);
        var plaintext = new byte[ciphertext.Length - TagSize];
        return ChaCha.Decrypt(k, nonce, [], ciphertext, plaintext) ? plaintext : null;
    }

    private static byte[] ChunkNonce(long counter, bool last)
    {
        var nonce = new byte[12];
        for (var i = 10; i >= 0 && counter > 0; i--)
        {
            nonce[i] = (byte)(counter & 0xff);
            counter >>= 8;
        }

        nonce[11] = last ? (byte)1 : (byte)0;
        return nonce;
    }

    private static byte[] Dearmor(ReadOnlySpan<byte> file)
    {
        var text = Encoding.ASCII.GetString(file).Trim();
        if (!text.StartsWith(ArmorBegin, StringComparison.Ordinal))
        {
            return file.ToArray();
        }

        if (!text.EndsWith(ArmorEnd, StringComparison.Ordinal))
        {
            throw new AgeException("the armour has no end line");
        }

        var body = text[ArmorBegin.Length..^ArmorEnd.Length].Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal).Trim();
        try
        {
            return Convert.FromBase64String(body);
        }
        catch (FormatException e)
        {
            throw new AgeException("the armour is not valid base64: " + e.Message);
        }
    }

    private sealed record Stanza(string Type, IReadOnlyList<string> Args, byte[] Body);

    private static (List<Stanza> Stanzas, string HeaderText, byte[] Mac, int PayloadStart) ParseHeader(byte[] data)
    {
        var position = 0;
        string NextLine()
        {
            var end = Array.IndexOf(data, (byte)'\n', position);
            if (end < 0)
            {
                throw new AgeException("the header is truncated");
            }

            var line = Encoding.ASCII.GetString(data, position, end - position);
            position = end + 1;
            return line;
        }

        if (NextLine() != Version)
        {
            throw new AgeException("not an age v1 file");
        }

        var stanzas = new List<Stanza>();
        while (true)
        {
            var lineStart = position;
            var line = NextLine();
            if (line.StartsWith("---", StringComparison.Ordinal))
            {
                if (!line.StartsWith("--- ", StringComparison.Ordinal))
                {
                    throw new AgeException("malformed header MAC line");
                }

                var headerText = Encoding.ASCII.GetString(data, 0, lineStart + 3);
                return (stanzas, headerText, FromRawBase64(line[4..]), position);
            }

            if (!line.StartsWith("-> ", StringComparison.Ordinal))
            {
                throw new AgeException("malformed recipient stanza");
            }

            var parts = line[3..].Split(' ');
            var body = new StringBuilder();
            while (true)
            {
                var bodyLine = NextLine();
                body.Append(bodyLine);
                if (bodyLine.Length < 64)
                {
                    break;
                }
            }

            stanzas.Add(new Stanza(parts[0], parts[1..], FromRawBase64(body.ToString())));
        }
    }

    private static void AppendWrapped(StringBuilder header, string body)
    {
        for (var i = 0; i <= body.Length; i += 64)
        {
            header.Append(body.AsSpan(i, Math.Min(64, body.Length - i))).Append('\n');
            if (body.Length - i < 64)
            {
                break;
            }
        }
    }

    private static string RawBase64(ReadOnlySpan<byte> data) => Convert.ToBase64String(data).TrimEnd('=');

    private static byte[] FromRawBase64(string text)
    {
        if (text.Contains('=', StringComparison.Ordinal))
        {
            throw new AgeException("padded base64 in the header");
        }

        try
        {
            return Convert.FromBase64String(text + new string('=', (4 - (text.Length % 4)) % 4));
        }
        catch (FormatException)
        {
            throw new AgeException("invalid base64 in the header");
        }
    }
}

/// <summary>An age file that cannot be read or opened.</summary>
public sealed class AgeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AgeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AgeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AgeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
