using System.Text.Json.Nodes;

namespace Dagger.TestRig;

/// <summary>
/// Lines of the tool's event stream for the front doors' fuzz tests: the examples of docs/events.md plus one line of
/// every other event kind, and mutations of them (broken text, fields of the wrong type or missing, unknown events,
/// other schema versions, huge strings, deep nesting, broken escapes and lone surrogates).
/// </summary>
public static class EventLines
{
    private static readonly string[] Tokens =
    [
        "\"v\":2", "\"v\":0", "\"v\":-1", "\"v\":1.0", "\"v\":\"1\"", "\"v\":99999999999999999999", "\"event\":null", "\"event\":5",
        "\"event\":\"future.thing\"", "null", "true", "[]", "{}", "1e400", "-0", "\"\\ud800\"", "\"\\u00\"", "\\", "\\u", "\":",
        ",", "{\"v\":1,", "\"span\":{\"file\":\"a.cue\",\"line\":0}", "\"level\":\"error\"", "\"code\":\"DAG1234\"", "\uFFFD",
    ];

    /// <summary>The seeds: the documented examples and a line of each further kind.</summary>
    public static IReadOnlyList<string> Seeds(string repoRoot)
    {
        var documented = File.ReadAllLines(Path.Combine(repoRoot, "docs", "events.md"))
            .Where(l => l.StartsWith("{\"v\":1", StringComparison.Ordinal));
        string[] more =
        [
            """{"v":1,"time":"2026-12-05T09:16:05.400Z","level":"debug","event":"op.completed","message":"exec","task":"a","op":"a.#up[0]","opIndex":0,"description":"exec sh","cached":true,"duration":0.01}""",
            """{"v":1,"time":"2026-12-05T09:16:05.400Z","level":"info","event":"task.completed","message":"completed in 1s","task":"a","duration":1,"exports":["a.out"],"values":{"a.out":"x"},"cached":false}""",
            """{"v":1,"time":"2026-12-05T09:16:05.400Z","level":"warn","event":"task.skipped","message":"skipped","task":"b","code":"DAG4003","waitingFor":["a","c"],"related":[{"file":"b.cue","line":2,"column":1}]}""",
            """{"v":1,"time":"2026-12-05T09:16:05.400Z","level":"warn","event":"task.cancelled","message":"cancelled","task":"c"}""",
            """{"v":1,"time":"2026-12-05T09:16:05.400Z","level":"info","event":"run.completed","message":"succeeded","result":"success","exitCode":0,"duration":2.5,"counts":{"tasks":1,"computed":1},"outputs":[{"path":"o","value":{"a":[1,2]},"cue":"{a: [1, 2]}","description":"d"}],"tasks":[{"path":"a","status":"computed","duration":1}]}""",
            """{"v":2,"time":"2026-12-05T09:16:05.400Z","level":"info","event":"run.started","message":"from the future","plan":"/p"}""",
            """{"v":1,"time":"2026-12-05T09:16:05.400Z","level":"info","event":"galaxy.formed","message":"an event no reader knows","extra":{"deep":[{}]}}""",
            """{"v":1,"time":"not a time","level":"loud","event":"task.failed","message":"","task":"","code":"DAG4001","span":{"file":"","line":-4,"column":"x"},"exitCode":2147483648,"logTail":[1,null,"ok"]}""",
            "{\"v\":1,\"event\":\"task.log\",\"level\":\"info\",\"task\":\"a\",\"message\":\"" + new string('x', 200_000) + "\"}",
            "{\"v\":1,\"event\":\"task.log\",\"level\":\"info\",\"message\":" + new string('[', 10_000) + new string(']', 10_000) + "}",
            "panic: runtime error: index out of range",
            "{ not json at all",
            string.Empty,
        ];
        return [.. documented, .. more];
    }

    /// <summary>
    /// Runs the fuzz budget of mutated lines through a front door's <paramref name="check"/>, which names each line
    /// "event", "plain text" or "other schema version", or throws.
    /// </summary>
    public static Task<FuzzReport> FuzzAsync(string name, string repoRoot, Func<string, string> check, CancellationToken cancellationToken)
    {
        var seeds = Seeds(repoRoot);
        return FuzzRunner.RunAsync(
            name,
            FuzzBudget.Count,
            FuzzBudget.Seed,
            random => Mutate(new TextMutator(random, []), seeds[random.Next(seeds.Count)]),
            check,
            TimeSpan.FromSeconds(10),
            cancellationToken);
    }

    /// <summary>The outcomes every event reader must have met in a run of <see cref="FuzzAsync"/>, that it did not.</summary>
    public static IReadOnlyList<string> MissingOutcomes(FuzzReport report) =>
        [.. new[] { "event", "plain text", "other schema version" }.Where(o => report?.Count(o) is null or 0)];

    /// <summary>A mutation of <paramref name="line"/>: a field retyped or removed, or text edits.</summary>
    public static string Mutate(TextMutator mutator, string line)
    {
        ArgumentNullException.ThrowIfNull(mutator);
        var random = mutator.Random;
        if (random.Next(3) == 0 && Retype(random, line) is { } retyped)
        {
            return retyped;
        }

        return random.Next(4) == 0 ? string.Concat("  ", line, "\t") : new TextMutator(random, Tokens).Mutate(line);
    }

    // Sets one field, at any depth, to a value of another type, or removes it.
    private static string? Retype(Random random, string line)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(line);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        var objects = new List<JsonObject>();
        void Collect(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    objects.Add(o);
                    foreach (var (_, child) in o.ToList())
                    {
                        Collect(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Collect(child);
                    }

                    break;
            }
        }

        Collect(root);
        if (objects.Count == 0 || objects[random.Next(objects.Count)] is not { Count: > 0 } target)
        {
            return null;
        }

        var name = target.ElementAt(random.Next(target.Count)).Key;
        JsonNode? replacement = random.Next(8) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.Next(3) switch { 0 => -1L, 1 => long.MaxValue, _ => 0L }),
            3 => JsonValue.Create(1.5e300),
            4 => JsonValue.Create(new string('\u00e9', random.Next(1, 5000))),
            5 => new JsonArray(JsonValue.Create("x"), null, new JsonObject()),
            6 => new JsonObject { ["file"] = "x.cue", ["line"] = 1 },
            _ => JsonValue.Create("\u2028\u0000\u001b[31m"),
        };
        if (random.Next(6) == 0)
        {
            target.Remove(name);
        }
        else
        {
            target[name] = replacement;
        }

        return root!.ToJsonString();
    }
}
