using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Runtime.Engine.Environments;

/// <summary>One task of a recorded run.</summary>
/// <param name="Path">The task's CUE path.</param>
/// <param name="Status">How it ended: <c>computed</c>, <c>skipped</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="Duration">Seconds it ran, or null when it did not start.</param>
/// <param name="Cached">Whether every op was answered from the cache (it did not run again).</param>
public sealed record HistoryTask(string Path, string Status, double? Duration, bool Cached);

/// <summary>A run of an environment, as <c>state/history/</c> keeps it.</summary>
public sealed record HistoryRecord
{
    /// <summary>The run's id: its start time and a random suffix, sortable.</summary>
    public required string Id { get; init; }

    /// <summary>The environment.</summary>
    public required string Environment { get; init; }

    /// <summary>When it started (UTC).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Seconds it took.</summary>
    public required double Duration { get; init; }

    /// <summary><c>success</c>, <c>failure</c> or <c>cancelled</c>.</summary>
    public required string Result { get; init; }

    /// <summary>The exit code of the run.</summary>
    public required int ExitCode { get; init; }

    /// <summary>The engine it ran on.</summary>
    public required string Engine { get; init; }

    /// <summary>The target asked for (<c>up --target</c>), or null for all.</summary>
    public string? Target { get; init; }

    /// <summary>Every task.</summary>
    public ImmutableArray<HistoryTask> Tasks { get; init; } = [];

    /// <summary>The counts of the run.</summary>
    public RunCounts Counts { get; init; } = RunCounts.None;

    /// <summary>The failure's code and message (secrets hidden), or null.</summary>
    public string? Error { get; init; }
}

/// <summary>The run history of an environment: one JSON file a run in <c>state/history/</c>, the last 100 kept.</summary>
public static class RunHistory
{
    /// <summary>How many runs are kept.</summary>
    public const int Keep = 100;

    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A new id for a run that starts at <paramref name="start"/>.</summary>
    public static string NewId(DateTimeOffset start) =>
        start.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    /// <summary>Appends <paramref name="record"/> and drops the oldest beyond <see cref="Keep"/>.</summary>
    public static void Append(DaggerEnvironment environment, HistoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(record);
        AtomicFile.Write(Path.Combine(environment.HistoryDirectory, record.Id + ".json"), ToJson(record) + "\n");
        var files = Files(environment);
        foreach (var old in files.Take(Math.Max(0, files.Count - Keep)))
        {
            try
            {
                File.Delete(old);
            }
            catch (IOException)
            {
                // Another run pruned it.
            }
        }
    }

    /// <summary>The runs, oldest first.</summary>
    public static IReadOnlyList<HistoryRecord> List(DaggerEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return [.. Files(environment).Select(Read).OrderBy(r => r.Start).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>The run <paramref name="id"/>.</summary>
    /// <exception cref="DaggerException"><see cref="ErrorCodes.RunNotFound"/>.</exception>
    public static HistoryRecord Get(DaggerEnvironment environment, string id)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(id);
        var matches = Files(environment).Where(f => Path.GetFileNameWithoutExtension(f).StartsWith(id, StringComparison.Ordinal)).ToList();
        return matches.Count == 1 && id.Length > 0
            ? Read(matches[0])
            : throw new DaggerException(ErrorCodes.RunNotFound, matches.Count == 0
                ? Message.Format(Messages.RunNotFound, environment.Name, id)
                : Message.Format(Messages.RunIdAmbiguous, id, matches.Count, environment.Name));
    }

    /// <summary>The record as JSON, as <c>history show -f json</c> prints it.</summary>
    public static string ToJson(HistoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var tasks = new JsonArray();
        foreach (var t in record.Tasks)
        {
            tasks.Add((JsonNode)new JsonObject { ["path"] = t.Path, ["status"] = t.Status, ["duration"] = t.Duration, ["cached"] = t.Cached });
        }

        var c = record.Counts;
        var json = new JsonObject
        {
            ["id"] = record.Id,
            ["environment"] = record.Environment,
            ["start"] = record.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["duration"] = Math.Round(record.Duration, 3),
            ["result"] = record.Result,
            ["exitCode"] = record.ExitCode,
            ["engine"] = record.Engine,
            ["target"] = record.Target,
            ["counts"] = new JsonObject
            {
                ["tasks"] = c.Tasks,
                ["computed"] = c.Computed,
                ["skipped"] = c.Skipped,
                ["failed"] = c.Failed,
                ["cancelled"] = c.Cancelled,
                ["solves"] = c.Solves,
                ["waves"] = c.Waves,
                ["fills"] = c.Fills,
            },
            ["tasks"] = tasks,
            ["error"] = record.Error,
        };
        return json.ToJsonString(Pretty);
    }

    private static List<string> Files(DaggerEnvironment environment) =>
        Directory.Exists(environment.HistoryDirectory)
            ? [.. Directory.EnumerateFiles(environment.HistoryDirectory, "*.json").Order(StringComparer.Ordinal)]
            : [];

    private static HistoryRecord Read(string file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            var counts = root.GetProperty("counts");
            int Count(string name) => counts.GetProperty(name).GetInt32();
            return new HistoryRecord
            {
                Id = root.GetProperty("id").GetString()!,
                Environment = root.GetProperty("environment").GetString()!,
                Start = DateTimeOffset.Parse(root.GetProperty("start").GetString()!, CultureInfo.InvariantCulture),
                Duration = root.GetProperty("duration").GetDouble(),
                Result = root.GetProperty("result").GetString()!,
                ExitCode = root.GetProperty("exitCode").GetInt32(),
                Engine = root.GetProperty("engine").GetString()!,
                Target = root.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.String ? target.GetString() : null,
                Counts = new RunCounts(Count("tasks"), Count("computed"), Count("skipped"), Count("failed"), Count("cancelled"), Count("solves"), Count("waves"), Count("fills")),
                Tasks = [.. root.GetProperty("tasks").EnumerateArray().Select(t => new HistoryTask(
                    t.GetProperty("path").GetString()!,
                    t.GetProperty("status").GetString()!,
                    t.GetProperty("duration").ValueKind == JsonValueKind.Number ? t.GetProperty("duration").GetDouble() : null,
                    t.GetProperty("cached").GetBoolean()))],
                Error = root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null,
            };
        }
        catch (JsonException e)
        {
            throw new DaggerException(ErrorCodes.StateInvalid, Message.Format(Messages.RunRecordNotJson, file, (e.LineNumber ?? 0) + 1));
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new DaggerException(ErrorCodes.StateInvalid, Message.Format(Messages.NotARunRecord, file, e.Message));
        }
    }
}
