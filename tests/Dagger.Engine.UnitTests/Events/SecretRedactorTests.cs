using System.Text;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Events;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Engine.UnitTests.Events;

[TestClass]
public sealed class SecretRedactorTests
{
    private static readonly System.Text.Json.JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [TestMethod]
    public void A_whole_secret_is_hidden_however_short()
    {
        var redactor = new SecretRedactor(["ab", "", "token-123"]);
        Assert.AreEqual("x *** y *** ***", redactor.Redact("x token-123 y ab ab"));
    }

    [TestMethod]
    public void Each_line_of_a_multi_line_secret_is_hidden_on_its_own()
    {
        var redactor = new SecretRedactor(["first-line\r\nsecond-line\n}\n"]);
        Assert.AreEqual("*** and ***", redactor.Redact("first-line and second-line"));
        Assert.AreEqual("***", redactor.Redact("first-line\r\nsecond-line\n}\n"), "the whole value first");
        Assert.AreEqual("{ }", redactor.Redact("{ }"), "a lone brace is too common to hide");
    }

    [TestMethod]
    public void A_secret_is_hidden_as_it_reads_in_a_json_string()
    {
        var redactor = new SecretRedactor(["a\"b<c>\\d\ne\tf"]);
        Assert.AreEqual("{\"v\":\"***\"}", redactor.Redact("{\"v\":\"a\\\"b\\u003cc\\u003e\\\\d\\ne\\tf\"}"));
    }

    [TestMethod]
    public void A_secret_inside_a_longer_one_does_not_break_the_longer_one_apart()
    {
        var redactor = new SecretRedactor(["pass", "password-1"]);
        Assert.AreEqual("*** and ***", redactor.Redact("password-1 and pass"));
    }

    [TestMethod]
    public void Log_lines_errors_and_tails_are_hidden_and_other_fields_are_kept()
    {
        var redactor = new SecretRedactor(["hunter2"]);
        var op = new OpSource("t.#up[1]") { Task = "t", Index = 1 };
        var log = (TaskLog)redactor.Redact(new TaskLog(op, OutputChannel.Stderr, "pw=hunter2"));
        Assert.AreEqual("pw=***", log.Line);
        Assert.AreEqual(OutputChannel.Stderr, log.Channel);
        Assert.AreSame(op, log.Op);

        var failed = (TaskFailed)redactor.Redact(new TaskFailed("t", new DaggerError(ErrorCodes.ExecFailed, "bad hunter2", null), op, 3) { LogTail = ["a", "hunter2 again"] });
        Assert.AreEqual("bad ***", failed.Error.Message);
        Assert.AreEqual(ErrorCodes.ExecFailed, failed.Error.Code);
        Assert.AreEqual(3, failed.CommandExitCode);
        CollectionAssert.AreEqual(new[] { "a", "*** again" }, failed.LogTail.ToArray());

        var diagnostic = (Diagnostic)redactor.Redact(new Diagnostic(new DaggerError(ErrorCodes.InvalidInput, "input x: hunter2 is not an int", null)));
        Assert.AreEqual("input x: *** is not an int", diagnostic.Error.Message);

        var started = new TaskStarted("a.b", null);
        Assert.AreEqual(started, redactor.Redact(started));
    }

    [TestMethod]
    public void A_secret_is_hidden_in_base64_and_url_encoding_too()
    {
        var redactor = new SecretRedactor(["s3cr3t/pass word"]);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("s3cr3t/pass word"));
        Assert.AreEqual("auth: *** ok", redactor.Redact($"auth: {base64} ok"));
        Assert.AreEqual("https://u:***@host", redactor.Redact("https://u:s3cr3t%2Fpass%20word@host"));
    }

    [TestMethod]
    public void Base64_of_a_secret_inside_a_longer_text_is_hidden_at_each_of_the_three_alignments()
    {
        const string secret = "s3cr3t-value!";
        var redactor = new SecretRedactor([secret]);
        foreach (var prefix in new[] { "", "u", "us", "user:", "user:x", "user:xy" })
        {
            foreach (var suffix in new[] { "", "\n", "!?" })
            {
                var bytes = Encoding.UTF8.GetBytes(prefix + secret + suffix);
                var encoded = Convert.ToBase64String(bytes);

                // Every character that holds a bit of the secret changes when all of the secret's bits are flipped:
                // those are [first, last]. Only the one at each end that it shares with its neighbours may remain.
                var flipped = (byte[])bytes.Clone();
                for (var i = prefix.Length; i < prefix.Length + secret.Length; i++)
                {
                    flipped[i] ^= 0xFF;
                }

                var other = Convert.ToBase64String(flipped);
                var first = Enumerable.Range(0, encoded.Length).First(i => encoded[i] != other[i]);
                var last = Enumerable.Range(0, encoded.Length).Last(i => encoded[i] != other[i]);
                var hidden = redactor.Redact(encoded);
                var what = $"{prefix}|{secret}|{suffix} as {encoded}: {hidden}";
                if (prefix.Length == 0 && suffix.Length == 0)
                {
                    Assert.AreEqual(SecretRedactor.Mask, hidden, "the value's own base64, padding included");
                    continue;
                }

                var mask = hidden.IndexOf(SecretRedactor.Mask, StringComparison.Ordinal);
                Assert.IsGreaterThanOrEqualTo(0, mask, what);
                var before = hidden[..mask];
                var after = hidden[(mask + SecretRedactor.Mask.Length)..];
                StringAssert.StartsWith(encoded, before, what);
                StringAssert.EndsWith(encoded, after, what);
                Assert.IsLessThanOrEqualTo(first + 1, before.Length, what);
                Assert.IsLessThanOrEqualTo(encoded.Length - last, after.Length, what);
            }
        }
    }

    [TestMethod]
    public void Url_encodings_in_either_case_and_with_plus_for_a_space_are_hidden()
    {
        var redactor = new SecretRedactor(["p@ss w/rd"]);
        Assert.AreEqual("a=***&b=***&c=***", redactor.Redact("a=p%40ss%20w%2Frd&b=p%40ss+w%2Frd&c=p%40ss%20w%2frd"));
    }

    [TestMethod]
    public void Json_escapes_of_any_common_writer_are_hidden()
    {
        const string secret = "a\"b\\c<d>&e'f+g\nh";
        var redactor = new SecretRedactor([secret]);
        var strict = System.Text.Json.JsonSerializer.Serialize(secret);
        var relaxed = System.Text.Json.JsonSerializer.Serialize(secret, RelaxedJson);
        Assert.AreNotEqual(strict, relaxed, "two different escapings");
        Assert.AreEqual("\"***\"", redactor.Redact(strict));
        Assert.AreEqual("\"***\"", redactor.Redact(relaxed));
        Assert.AreEqual("{\"v\": \"***\"}", redactor.Redact("{\"v\": \"a\\\"b\\\\c<d>&e'f+g\\nh\"}"), "only the escapes JSON requires");
    }

    [TestMethod]
    public void A_four_character_secret_is_hidden_as_it_is_and_in_its_encodings()
    {
        var redactor = new SecretRedactor(["Zq9!"]);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("Zq9!"));
        Assert.AreEqual("*** *** ***", redactor.Redact($"Zq9! {base64} Zq9%21"));
        var shifted = Convert.ToBase64String(Encoding.UTF8.GetBytes("x:Zq9!"));
        StringAssert.Contains(redactor.Redact(shifted), SecretRedactor.Mask, shifted);
    }

    [TestMethod]
    public void A_secret_shorter_than_four_characters_is_hidden_as_it_is_and_as_a_whole_base64_value_but_not_as_fragments()
    {
        var redactor = new SecretRedactor(["ab"]);
        Assert.AreEqual("x *** y ***", redactor.Redact("x ab y YWI="));

        // Inside a longer base64 text, "ab" is two or three characters, as common as any: they are left.
        CollectionAssert.AreEquivalent(new[] { "ab", "YWI=" }, redactor.Values.ToArray());
    }

    [TestMethod]
    public void Each_line_of_a_multi_line_secret_is_hidden_in_its_encodings_too()
    {
        var redactor = new SecretRedactor(["-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34\n-----END KEY-----\n"]);
        var line = Convert.ToBase64String(Encoding.UTF8.GetBytes("MIIBOgIBAAJBAKj34"));
        Assert.AreEqual("key: ***", redactor.Redact("key: " + line));
        Assert.AreEqual("***", redactor.Redact(Convert.ToBase64String(Encoding.UTF8.GetBytes("-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34\n-----END KEY-----\n"))));
    }

    [TestMethod]
    public void Encoded_forms_do_not_include_the_plaintext()
    {
        var forms = SecretRedactor.EncodedForms("a b\"c");
        Assert.DoesNotContain("a b\"c", forms);
        Assert.Contains("a%20b%22c", forms);
        Assert.Contains("a b\\\"c", forms);
        Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes("a b\"c")), forms);
    }

    [TestMethod]
    public void The_start_of_a_secret_left_by_a_cut_is_hidden()
    {
        var redactor = new SecretRedactor(["leak-one-line-7Q2x", "a\"quoted-secret", "Zq9!"]);
        Assert.AreEqual("t.#up[1]: exec sh -c x ***…: exited with code 1", redactor.Redact("t.#up[1]: exec sh -c x leak-one-li…: exited with code 1"));
        Assert.AreEqual("value \"***… does not fit", redactor.Redact("value \"a\\\"quoted-se… does not fit"), "as a JSON string quotes it");
        Assert.AreEqual("*** and ***…", redactor.Redact("Zq9! and Zq9…"), "a short secret: all but its last character");
        Assert.AreEqual("one ***… two ***…", redactor.Redact("one leak-one… two Zq9…"), "each cut");
    }

    [TestMethod]
    public void A_cut_that_leaves_fewer_than_four_characters_of_a_longer_secret_or_none_is_left_as_it_is()
    {
        var redactor = new SecretRedactor(["leak-one-line-7Q2x"]);
        Assert.AreEqual("a lea…", redactor.Redact("a lea…"), "as common as any three letters");
        Assert.AreEqual("Loading…", redactor.Redact("Loading…"));
        Assert.AreEqual("wait… ***", redactor.Redact("wait… leak-one-line-7Q2x"), "the whole secret after an ellipsis, as anywhere");
    }

    [TestMethod]
    public void An_outcome_hides_secrets_in_outputs_errors_and_computed_values()
    {
        var redactor = new SecretRedactor(["hunter2"]);
        var outcome = redactor.Redact(new RunOutcome
        {
            Result = RunResult.Failure,
            ExitCode = 1,
            Duration = TimeSpan.Zero,
            Outputs = [new PlanOutput("token", "\"hunter2\"", "\"hunter2\"")],
            Error = new DaggerError(ErrorCodes.ExecFailed, "echo hunter2 failed", null),
            ComputedJson = "{\"token\":\"hunter2\"}",
        });
        Assert.AreEqual("\"***\"", outcome.Outputs[0].Json);
        Assert.AreEqual("\"***\"", outcome.Outputs[0].Cue);
        Assert.AreEqual("echo *** failed", outcome.Error?.Message);
        Assert.AreEqual("{\"token\":\"***\"}", outcome.ComputedJson);
    }
}
