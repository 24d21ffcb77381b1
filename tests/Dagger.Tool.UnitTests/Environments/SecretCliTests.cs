using Dagger.TestRig;

namespace Dagger.Tool.UnitTests.Environments;

/// <summary>Secrets at rest: age, its key file, DAGGER_AGE_KEY, the project's recipients, and Debian's age both ways.</summary>
[TestClass]
public sealed class SecretCliTests
{
    private const string Plan = """
        package main

        import "alpha.dagger.io/dagger"

        // the password
        password: dagger.#Input & dagger.#Secret
        user: dagger.#Input & string
        """;

    private const string Plaintext = "s3cr3t-Pl41ntext-value";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_secret_is_stored_with_age_decrypts_with_Debians_age_and_is_not_rewritten_when_unchanged()
    {
        using var w = await new Workspace().WithPlanAsync(Plan);
        w.Stdin = Plaintext;
        await w.OkAsync("input", "secret", "password", "-f", "-");

        Assert.IsTrue(File.Exists(w.KeyFile), "the key is created on first use");
        if (!OperatingSystem.IsWindows())
        {
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(w.KeyFile));
        }
        var keys = await File.ReadAllTextAsync(w.KeyFile);
        StringAssert.Matches(keys, new System.Text.RegularExpressions.Regex(@"^# created: .*\n# public key: age1[a-z0-9]{58}\nAGE-SECRET-KEY-1[A-Z0-9]{58}\n$"));

        var values = await File.ReadAllTextAsync(w.Values("test"));
        Assert.DoesNotContain(Plaintext, values);
        StringAssert.Contains(values, "  password:\n    secret: |\n      -----BEGIN AGE ENCRYPTED FILE-----\n");

        // Debian's age opens it with the key file as it is.
        var armored = Armored(values);
        var file = Path.Combine(w.Top, "secret.age");
        await File.WriteAllTextAsync(file, armored);
        var age = await ProcessRunner.RunAsync("age", ["-d", "-i", w.KeyFile, file], cancellationToken: TestContext.CancellationToken);
        Assert.AreEqual(0, age.ExitCode, age.Stderr);
        Assert.AreEqual(Plaintext, age.Stdout);

        // The same plaintext again: values.yaml does not churn; another one: re-encrypted.
        await w.OkAsync("input", "secret", "password", "-f", "-");
        Assert.AreEqual(values, await File.ReadAllTextAsync(w.Values("test")));
        w.Stdin = "another";
        await w.OkAsync("input", "secret", "password", "-f", "-");
        Assert.AreNotEqual(values, await File.ReadAllTextAsync(w.Values("test")));
    }

    [TestMethod]
    public async Task A_file_encrypted_by_Debians_age_is_accepted_and_a_wrong_key_is_a_clear_error()
    {
        using var w = await new Workspace().WithPlanAsync(Plan);
        await w.OkAsync("input", "text", "user", "me");
        var keygen = await ProcessRunner.RunAsync("age-keygen", [], cancellationToken: TestContext.CancellationToken);
        Assert.AreEqual(0, keygen.ExitCode, keygen.Stderr);
        Directory.CreateDirectory(Path.GetDirectoryName(w.KeyFile)!);
        await File.WriteAllTextAsync(w.KeyFile, keygen.Stdout);
        var recipient = keygen.Stdout.Split('\n').Single(l => l.StartsWith("# public key: ", StringComparison.Ordinal))["# public key: ".Length..];

        var plain = Path.Combine(w.Top, "plain.txt");
        await File.WriteAllTextAsync(plain, Plaintext);
        var encrypted = await ProcessRunner.RunAsync("age", ["-r", recipient, "-a", plain], cancellationToken: TestContext.CancellationToken);
        Assert.AreEqual(0, encrypted.ExitCode, encrypted.Stderr);
        var indented = string.Join("\n", encrypted.Stdout.TrimEnd('\n').Split('\n').Select(l => "      " + l));
        await File.AppendAllTextAsync(w.Values("test"), $"  password:\n    secret: |\n{indented}\n");

        // Setting the same plaintext keeps age's ciphertext: dagger opened it.
        var before = Armored(await File.ReadAllTextAsync(w.Values("test")));
        w.Stdin = Plaintext;
        await w.OkAsync("input", "secret", "password", "-f", "-");
        Assert.AreEqual(before, Armored(await File.ReadAllTextAsync(w.Values("test"))));
        StringAssert.Contains(await w.OkAsync("input", "list", "--all"), "dagger.#Secret");

        // Another key: a clear error naming the environment and the key file.
        var other = await ProcessRunner.RunAsync("age-keygen", [], cancellationToken: TestContext.CancellationToken);
        await File.WriteAllTextAsync(w.KeyFile, other.Stdout);
        var error = await w.FailAsync("input", "list");
        StringAssert.Contains(error, $"DAG6007: environment test: cannot decrypt the secret password with the age key in {w.KeyFile}");
        Assert.DoesNotContain("AGE-SECRET-KEY", error);

        // DAGGER_AGE_KEY wins over the file, as in CI.
        w.Variables["DAGGER_AGE_KEY"] = keygen.Stdout;
        await w.OkAsync("input", "list");
    }

    [TestMethod]
    public async Task The_projects_recipients_can_decrypt_too()
    {
        using var w = await new Workspace().WithPlanAsync(Plan);
        var teammate = await ProcessRunner.RunAsync("age-keygen", [], cancellationToken: TestContext.CancellationToken);
        var recipient = teammate.Stdout.Split('\n').Single(l => l.StartsWith("# public key: ", StringComparison.Ordinal))["# public key: ".Length..];
        w.Write(".dagger/recipients.txt", $"# the team\n{recipient}\n");
        w.Stdin = Plaintext;
        await w.OkAsync("input", "secret", "password", "-f", "-");

        var key = Path.Combine(w.Top, "teammate.txt");
        await File.WriteAllTextAsync(key, teammate.Stdout);
        var file = Path.Combine(w.Top, "secret.age");
        await File.WriteAllTextAsync(file, Armored(await File.ReadAllTextAsync(w.Values("test"))));
        var age = await ProcessRunner.RunAsync("age", ["-d", "-i", key, file], cancellationToken: TestContext.CancellationToken);
        Assert.AreEqual(0, age.ExitCode, age.Stderr);
        Assert.AreEqual(Plaintext, age.Stdout);

        // The teammate, with their own key only, uses the environment.
        w.Variables["DAGGER_AGE_KEY"] = teammate.Stdout;
        await w.OkAsync("input", "list");

        w.Write(".dagger/recipients.txt", "not-a-key\n");
        w.Stdin = "changed";
        StringAssert.Contains(await w.FailAsync("input", "secret", "password", "-f", "-"), "recipients.txt:1: not an age recipient");
    }

    [TestMethod]
    public async Task A_secret_without_a_value_off_a_terminal_is_refused_and_a_text_for_a_secret_fails()
    {
        using var w = await new Workspace().WithPlanAsync(Plan);
        StringAssert.Contains(await w.FailAsync("input", "secret", "password"), "DAG5001: input secret: no value");
        StringAssert.Contains(await w.FailAsync("input", "text", "password", "plain"), "DAG2004");
        StringAssert.Contains(await w.FailAsync("input", "secret", "user", Plaintext), "DAG2004");
    }

    [TestMethod]
    public async Task The_plaintext_appears_in_no_file_under_dagger_and_in_no_output_or_error()
    {
        using var w = await new Workspace().WithPlanAsync(Plan);
        var outputs = new List<string>();
        async Task Run(params string[] args)
        {
            var (_, output, error) = await w.RunAsync(args);
            outputs.Add(output);
            outputs.Add(error);
        }

        w.Stdin = Plaintext;
        await Run("input", "secret", "password", "-f", "-");
        await Run("input", "secret", "user", "-f", "-");
        await Run("input", "list", "--all");
        await Run("output", "list");
        await Run("query");
        await Run("query", "-f", "cue");
        await Run("query", "-f", "yaml");
        await Run("query", "password", "-c");
        await Run("up", "--log-format", "json", "--engine", "tcp://127.0.0.1:1");
        await Run("up", "--log-format", "plain", "--engine", "tcp://127.0.0.1:1", "--force");
        foreach (var text in outputs)
        {
            Assert.DoesNotContain(Plaintext, text);
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(w.Root, ".dagger"), "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Plaintext, await File.ReadAllTextAsync(file), file);
        }
    }

    private static string Armored(string values)
    {
        var lines = values.Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == "-----BEGIN AGE ENCRYPTED FILE-----");
        var end = Array.FindIndex(lines, l => l.Trim() == "-----END AGE ENCRYPTED FILE-----");
        return string.Join("\n", lines[start..(end + 1)].Select(l => l.Trim())) + "\n";
    }
}
