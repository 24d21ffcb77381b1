using System.Text;
using System.Text.Json;
using Dagger.Action.Logging;

namespace Dagger.Action.UnitTests;

/// <summary>The action's own masking: a secret is hidden as it is, line by line, and in its usual encodings.</summary>
[TestClass]
public sealed class SecretMaskerTests
{
    private const string Secret = "p@ss word/with \"quotes\"\nand a second line";

    [TestMethod]
    public void A_secret_is_hidden_in_every_encoding_and_each_of_its_lines()
    {
        var masker = new SecretMasker([Secret]);
        string[] forms =
        [
            Secret,
            "p@ss word/with \"quotes\"",
            "and a second line",
            JsonEncodedText.Encode(Secret).ToString(),
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret)),
            Uri.EscapeDataString(Secret),
        ];

        foreach (var form in forms)
        {
            Assert.AreEqual("before *** after", masker.Redact($"before {form} after"), form);
        }
    }

    [TestMethod]
    public void Text_without_secrets_is_left_alone_and_blank_secrets_hide_nothing()
    {
        var masker = new SecretMasker(["", "  ", "xy"]);

        Assert.AreEqual("a b  xy c", masker.Redact("a b  xy c"));
        Assert.AreEqual(0, masker.RunnerValues.Count(v => v.Trim().Length == 0));
    }
}
