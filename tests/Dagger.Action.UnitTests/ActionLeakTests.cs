using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dagger.Action.UnitTests.Fakes;
using Dagger.TestRig;

namespace Dagger.Action.UnitTests;

/// <summary>
/// The leak test of issue 17 for the GitHub Action: a tool that leaks (the engine must not; the action hides what it
/// would) prints the five shapes of secret as they are and encoded, fails with them and outputs them, and the log,
/// the job summary, the step outputs, the check run, its annotations and the commit status show none of them.
/// </summary>
[TestClass]
public sealed partial class ActionLeakTests
{
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("auto")]
    [DataRow("status")]
    public async Task Secrets_of_every_shape_in_every_encoding_reach_no_channel_of_the_action(string report)
    {
        await using var api = await FakeGitHubApi.StartAsync(TestContext.CancellationToken);
        using var run = ActionRun.Push()
            .Input("report", report)
            .Input("args", string.Join('\n', SecretShapes.All.SelectMany(s => new[] { "--input-secret", $"{s.Path}=LEAK_{s.Path.ToUpperInvariant()}" })));
        foreach (var (path, value) in SecretShapes.All)
        {
            run.Variable("LEAK_" + path.ToUpperInvariant(), value);
        }

        var stream = new EventStream().RunStarted(run.Plan).TaskStarted("leak");
        foreach (var (path, value) in SecretShapes.All)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            stream.Log(
                "leak",
                [
                    .. value.Split('\n').Select(l => $"plain {path}: {l}"),
                    $"base64 {path}: {Convert.ToBase64String(bytes)}",
                    $"basic {path}: {Convert.ToBase64String([.. "user:"u8.ToArray(), .. bytes])}",
                    $"json {path}: {JsonSerializer.Serialize(value)}",
                    $"relaxed {path}: {JsonSerializer.Serialize(value, RelaxedJson)}",
                    $"url {path}: {PercentHex().Replace(Uri.EscapeDataString(value), m => m.Value.ToLowerInvariant())}",
                ]);
        }

        var all = string.Join(" | ", SecretShapes.All.Select(s => s.Value));
        stream.Diagnostic("error", "DAG4001", "leak.#up[1]: exec sh -c echo " + all + ": exited with code 1", EventStream.Span("main.cue", 3))
            .TaskFailed("leak", EventStream.Span("main.cue", 3), "DAG4001", 1, [.. all.Split('\n')])
            .Output("leaked", all, "every secret")
            .Output("one", SecretShapes.All[0].Value);
        run.Dagger.Replay(stream.RunCompleted(), exitCode: 1);
        run.Dagger.Stdout = "leaked  " + JsonSerializer.Serialize(all) + "\n";

        var result = await run.RunAsync(api);

        Assert.AreEqual(1, result.ExitCode, result.Log);
        var log = string.Join('\n', result.LogLines.Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)));
        StringAssert.Contains(log, "basic one: dXNlcjp***", "what the action printed, hidden");
        StringAssert.Contains(result.Outputs["outputs"], "***", result.Outputs["outputs"]);
        Assert.IsNotEmpty(result.Requests, "the action reported to GitHub");
        var leaks = new List<string>();
        leaks.AddRange(SecretShapes.Find("log", log));
        leaks.AddRange(SecretShapes.Find("job summary", result.Summary));
        foreach (var (name, value) in result.Outputs)
        {
            leaks.AddRange(SecretShapes.Find("step output " + name, value));
        }

        foreach (var request in result.Requests)
        {
            leaks.AddRange(SecretShapes.Find($"{request.Method} {request.Path}", request.Body.GetRawText()));
        }

        Assert.IsEmpty(leaks, string.Join('\n', leaks));
    }

    [System.Text.RegularExpressions.GeneratedRegex("%[0-9A-F]{2}")]
    private static partial System.Text.RegularExpressions.Regex PercentHex();
}
