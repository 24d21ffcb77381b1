using System.Collections.Immutable;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Environments;
using Dagger.TestRig;

namespace Dagger.Tool.UnitTests.Environments;

/// <summary>
/// Issue 17: mutated <c>values.yaml</c> documents (as the project writes them, and hand-written edge cases) either read
/// or fail with DAG6005 naming the file and a line; never another exception, never a hang.
/// </summary>
[TestClass]
public sealed class ValuesFileFuzzTests
{
    private const string File = "/project/.dagger/env/ci/values.yaml";

    private static readonly string[] Tokens =
    [
        "inputs:", "plan:", "name:", "platform:", "text:", "json:", "yaml:", "bool:", "secret:", "dir:", "git:", "file:",
        "socket:", "path:", "include:", "exclude:", "remote:", "ref:", "unix:", "module:", "package:", "- ", "? ", "&a ",
        "*a", "!!str ", "!!map ", "!tag ", "<<: *a", "|\n", ">-\n", "|+\n", "---\n", "...\n", "%YAML 1.2\n", "{}", "[]",
        "~", "null", "true", "\"\\u0000\"", "'it''s'", "  ", "\n  ", "\t", "#comment\n",
    ];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Mutated_values_files_read_or_fail_with_DAG6005_naming_the_file()
    {
        var seeds = Seeds();
        var mutator = (Random random) => new TextMutator(random, Tokens).Mutate(seeds[random.Next(seeds.Count)]);
        var report = await FuzzRunner.RunAsync("values.yaml", FuzzBudget.Count, FuzzBudget.Seed, mutator, Check, TimeSpan.FromSeconds(10), TestContext.CancellationToken);
        TestContext.WriteLine(report.ToString());

        Assert.IsEmpty(report.Failures, report.Describe());
        Assert.IsGreaterThan(0, report.Count("read"), report.ToString());
        Assert.IsGreaterThan(0, report.Count("DAG6005"), report.ToString());
    }

    [TestMethod]
    [DataRow("name: ci\na: {b:4\nc {d\n", 2)]
    [DataRow("name: ci\na:\n :", 3)]
    public void YAML_that_breaks_the_parser_without_a_YAML_error_is_DAG6005_with_the_line(string text, int line)
    {
        // YamlDotNet throws InvalidOperationException and ArgumentException on these, not its YamlException.
        var e = Assert.ThrowsExactly<DaggerException>(() => ValuesFile.Parse(text, File));
        Assert.AreEqual(ErrorCodes.ValuesInvalid, e.Code);
        Assert.AreEqual($"{File}:{line}: not valid YAML near this line", e.Message);
    }

    /// <summary>Reads one document: the only acceptable failure is the coded one that names the file and a line.</summary>
    internal static string Check(string text)
    {
        try
        {
            _ = ValuesFile.Parse(text, File);
            return "read";
        }
        catch (DaggerException e) when (e.Code == ErrorCodes.ValuesInvalid)
        {
            if (!e.Message.Contains(File + ":", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"the DAG6005 message does not name the file and line: {e.Message}", e);
            }

            return e.Code.Id;
        }
    }

    private static List<string> Seeds()
    {
        var written = new[]
        {
            new EnvironmentValues { Name = "ci" },
            new EnvironmentValues
            {
                Name = "staging",
                Plan = new PlanSource(".", "./ci"),
                Platform = "linux/arm64",
                Inputs = ImmutableSortedDictionary.CreateRange<string, StoredInput>(StringComparer.Ordinal, new Dictionary<string, StoredInput>
                {
                    ["app.name"] = new TextValue("hello"),
                    ["app.no"] = new TextValue("no"),
                    ["app.multi"] = new TextValue("line one\nline two\n"),
                    ["app.tabs"] = new TextValue("a\tb\r\nc "),
                    ["\"quoted key\".x"] = new TextValue(": looks like yaml # not a comment"),
                    [string.Empty] = new JsonValue("{\"a\": [1, 2, {\"b\": null}]}"),
                    ["cfg"] = new YamlValue("a: 1\nb:\n  - x\n  - y\n"),
                    ["flag"] = new BoolValue(true),
                    ["off"] = new BoolValue(false),
                    ["token"] = new SecretValue("-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBh\n-----END AGE ENCRYPTED FILE-----\n"),
                    ["source"] = new DirValue("./src", ["*.cs", "src/**"], ["bin/", "obj/"]),
                    ["plain"] = new DirValue(".", [], []),
                    ["repo"] = new GitValue("https://github.com/example/repo.git", "v1.2.3", "sub/dir"),
                    ["head"] = new GitValue("git@example.com:x/y"),
                    ["key"] = new FileValue("keys/id.pub"),
                    ["docker"] = new SocketValue("/var/run/docker.sock"),
                    ["unicode.é"] = new TextValue("😀 ü \u2028"),
                }),
            },
        }.Select(ValuesFile.Write);
        string[] handWritten =
        [
            "name: ci\n",
            "name: ci\ninputs:\n",
            "name: ci\ninputs: ~\nplan: {}\n",
            "name: 'yes'\nplatform: linux/amd64\ninputs: {a: {text: x}, b: {bool: 'false'}}\n",
            "%YAML 1.2\n---\nname: ci\nplan:\n  module: .\n  package: ./ci\n...\n",
            "base: &b {text: shared}\nname: ci\n",
            "name: ci\ninputs:\n  a: &x\n    text: one\n  b: *x\n",
            "name: ci\ninputs:\n  a:\n    dir:\n      path: .\n      include: [a, b]\n      exclude:\n        - c\n",
            "name: ci\ninputs:\n  a:\n    git: {remote: r}\n",
            "name: ci\ninputs:\n  a:\n    text: |-\n      kept\n      as is\n",
            "\uFEFFname: ci\r\ninputs:\r\n  a:\r\n    text: crlf\r\n",
            "name: ci\ninputs:\n  ? [complex, key]\n  : {text: x}\n",
            "name: ci\n---\nname: second\n",
            "name: ci\ninputs:\n  a: {text: x}\n  a: {text: y}\n",
            "{name: ci, inputs: {'': {json: '[]'}}}\n",
        ];
        return [.. written, .. handWritten];
    }
}
