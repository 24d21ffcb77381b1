using System.Globalization;
using NSec.Cryptography;

namespace Dagger.Runtime.Engine.Environments.Age;

/// <summary>An age X25519 identity: a private key and the recipient (public key) it answers to.</summary>
public sealed class AgeIdentity
{
    private const string SecretHrp = "age-secret-key-";
    private readonly byte[] secret;

    private AgeIdentity(byte[] secret)
    {
        this.secret = secret;
        using var key = Key.Import(KeyAgreementAlgorithm.X25519, secret, KeyBlobFormat.RawPrivateKey);
        Recipient = AgeRecipient.FromRaw(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The recipient that encrypts for this identity.</summary>
    public AgeRecipient Recipient { get; }

    /// <summary>The raw 32-byte private key.</summary>
    internal byte[] Secret => secret;

    /// <summary>A new random identity.</summary>
    public static AgeIdentity Generate()
    {
        using var key = Key.Create(KeyAgreementAlgorithm.X25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new AgeIdentity(key.Export(KeyBlobFormat.RawPrivateKey));
    }

    /// <summary>Parses <c>AGE-SECRET-KEY-1…</c>; null when the text is not one.</summary>
    public static AgeIdentity? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Bech32.Decode(text.Trim()) is ("age-secret-key-", { Length: 32 } data) && text.Trim().StartsWith("AGE-SECRET-KEY-1", StringComparison.Ordinal)
            ? new AgeIdentity(data)
            : null;
    }

    /// <summary>The identity as age writes it: <c>AGE-SECRET-KEY-1…</c>.</summary>
    public string Export() => Bech32.Encode(SecretHrp, secret).ToUpperInvariant();

    /// <summary>Never the secret: the recipient.</summary>
    public override string ToString() => $"identity for {Recipient}";
}

/// <summary>An age X25519 recipient: <c>age1…</c>.</summary>
/// <param name="Text">The Bech32 text.</param>
public sealed record AgeRecipient(string Text)
{
    /// <summary>The raw 32-byte public key.</summary>
    internal byte[] Raw => Bech32.Decode(Text)!.Value.Data;

    internal static AgeRecipient FromRaw(byte[] raw) => new(Bech32.Encode("age", raw));

    /// <summary>Parses <c>age1…</c>; null when the text is not one.</summary>
    public static AgeRecipient? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return trimmed.StartsWith("age1", StringComparison.Ordinal) && Bech32.Decode(trimmed) is ("age", { Length: 32 }) ? new AgeRecipient(trimmed) : null;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>
/// The user's age identities: <c>~/.config/dagger/keys.txt</c> in age's own identity format (comments, then one
/// <c>AGE-SECRET-KEY-1…</c> a line; the first is the default), created on first use with mode 0600; or, in CI, the
/// identity in <c>DAGGER_AGE_KEY</c>.
/// </summary>
/// <param name="Source">Where the identities come from: the key file's path, or <c>$DAGGER_AGE_KEY</c>.</param>
/// <param name="Identities">The identities, the default first.</param>
public sealed record AgeKeyring(string Source, IReadOnlyList<AgeIdentity> Identities)
{
    /// <summary>The variable that supplies an identity in CI.</summary>
    public const string KeyVariable = "DAGGER_AGE_KEY";

    /// <summary>The default key file: <c>$XDG_CONFIG_HOME/dagger/keys.txt</c>, or <c>~/.config/dagger/keys.txt</c>.</summary>
    public static string DefaultPath(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var config = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(config, "dagger", "keys.txt");
    }

    /// <summary>
    /// The identities: from <c>DAGGER_AGE_KEY</c> when it is set, otherwise from <paramref name="path"/>, which is
    /// created with a new identity (mode 0600) when <paramref name="create"/> and it does not exist.
    /// </summary>
    /// <exception cref="Diagnostics.DaggerException">The key is unreadable or not an age identity.</exception>
    public static AgeKeyring Load(string path, Func<string, string?> environment, bool create)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(KeyVariable) is { Length: > 0 } variable)
        {
            var fromVariable = Parse(variable);
            return fromVariable.Count == 0
                ? throw new Diagnostics.DaggerException(Diagnostics.ErrorCodes.SecretKey, $"${KeyVariable} holds no age identity (AGE-SECRET-KEY-1…)")
                : new AgeKeyring("$" + KeyVariable, fromVariable);
        }

        if (!File.Exists(path))
        {
            if (!create)
            {
                return new AgeKeyring(path, []);
            }

            var identity = AgeIdentity.Generate();
            Write(path, identity);
            return new AgeKeyring(path, [identity]);
        }

        try
        {
            var identities = Parse(File.ReadAllText(path));
            return identities.Count == 0
                ? throw new Diagnostics.DaggerException(Diagnostics.ErrorCodes.SecretKey, $"{path}: holds no age identity (AGE-SECRET-KEY-1…)")
                : new AgeKeyring(path, identities);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Diagnostics.DaggerException(Diagnostics.ErrorCodes.SecretKey, $"{path}: cannot read the age key: {e.Message}", null, e);
        }
    }

    private static List<AgeIdentity> Parse(string text)
    {
        var identities = new List<AgeIdentity>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            // Only the count of the line is told, never its text: it is a secret.
            identities.Add(AgeIdentity.TryParse(line)
                ?? throw new Diagnostics.DaggerException(Diagnostics.ErrorCodes.SecretKey, "a line of the age key is not an age identity (AGE-SECRET-KEY-1…)"));
        }

        return identities;
    }

    private static void Write(string path, AgeIdentity identity)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"# created: {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}\n# public key: {identity.Recipient}\n{identity.Export()}\n"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Diagnostics.DaggerException(Diagnostics.ErrorCodes.SecretKey, $"{path}: cannot create the age key: {e.Message}", null, e);
        }
    }

    /// <summary>Encrypts <paramref name="plaintext"/> for the default identity and <paramref name="extra"/> recipients, armoured.</summary>
    public string Encrypt(string plaintext, IEnumerable<AgeRecipient> extra)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var recipients = Identities.Take(1).Select(i => i.Recipient).Concat(extra ?? []).Distinct().Select(r => r.Raw).ToList();
        return AgeFormat.EncryptArmored(System.Text.Encoding.UTF8.GetBytes(plaintext), recipients);
    }

    /// <summary>Decrypts an armoured age file; null when none of the identities opens it.</summary>
    /// <exception cref="AgeException">The text is not a valid age file.</exception>
    public string? TryDecrypt(string armored)
    {
        ArgumentNullException.ThrowIfNull(armored);
        try
        {
            return System.Text.Encoding.UTF8.GetString(AgeFormat.Decrypt(System.Text.Encoding.ASCII.GetBytes(armored), [.. Identities.Select(i => i.Secret)]));
        }
        catch (AgeException e) when (e.Message.StartsWith("no identity", StringComparison.Ordinal))
        {
            return null;
        }
    }
}
