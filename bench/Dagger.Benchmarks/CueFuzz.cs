using System.Diagnostics;
using System.Globalization;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Benchmarks;

/// <summary>
/// Robustness harness for the CUE scanner, parser and evaluator. It feeds mutated conformance inputs and
/// pathological programs (deep nesting, huge and exponential disjunctions, long reference chains) through
/// compile and export, and counts outcomes. A CUE error is a correct outcome; any other exception is a crash, and
/// an input that runs longer than the time limit is a hang. Crashing inputs are saved for reproduction.
/// </summary>
public static class CueFuzz
{
    private const int PathologicalCount = 7;

    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", "(", ")", ":", ",", "|", "&", "*", "...", "\"", "\\(", "#", "_", "1.5", "0x1F", "'b'",
        "\"\"\"\n", "#\"", "\"#", "a", "#A", "_h", "?", "!", "=~", "<", ">=", "div", "for x in ", "if ", "let y = ",
        "_|_", "close({", "len(", "1Ki", "\n", "  ", "a.b", "[...int]", "=", "@attr(x)", "package p\n", "import \"strings\"\n",
    ];

    /// <summary>The <c>.cue</c> inputs of a conformance corpus (the files under each case's <c>in/</c> folder), in a stable order.</summary>
    public static IReadOnlyList<string> ConformanceSeeds(string cases) =>
        Directory.GetFiles(cases, "*.cue", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}in{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();

    /// <summary>Every <c>.cue</c> file under <paramref name="folder"/>, in a stable order.</summary>
    public static IReadOnlyList<string> CueFiles(string folder) =>
        Directory.GetFiles(folder, "*.cue", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();

    /// <summary>
    /// Runs <paramref name="count"/> inputs mutated from <paramref name="seeds"/> (the 50th, 100th, ... up to the 350th
    /// are the seven pathological programs) and
    /// returns the totals. Crashing and hanging inputs are saved to <paramref name="outputDirectory"/>; the run stops at
    /// the first hang because the evaluation thread cannot be aborted. Progress goes to <paramref name="log"/>.
    /// </summary>
    public static CueFuzzTotals Run(
        IReadOnlyList<string> seeds, int count, int seed, string outputDirectory, TimeSpan limit, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(log);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("the fuzzer needs at least one seed input", nameof(seeds));
        }

        Directory.CreateDirectory(outputDirectory);
        var random = new Random(seed);
        var findings = new List<CueFuzzFinding>();
        int ok = 0, errors = 0, crashes = 0, hangs = 0, done = 0;
        var clock = Stopwatch.StartNew();
        CueFuzzTotals Totals() => new(seed, done, ok, errors, crashes, hangs, clock.Elapsed, findings);
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The pathological programs are fixed, so a repeat proves nothing new and costs seconds each: the run
            // takes each one once, as the 50th, 100th, ... input, and mutated inputs everywhere else.
            var pathological = i % 50 == 49 && i / 50 < PathologicalCount;
            var input = pathological ? Pathological(i / 50) : Mutate(seeds[random.Next(seeds.Count)], random);
            var started = clock.Elapsed;
            var outcome = Evaluate(input, limit);
            done++;
            if (clock.Elapsed - started > TimeSpan.FromSeconds(1))
            {
                log.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"fuzz: input {i} ({(pathological ? "pathological" : "mutated")}, {input.Length} characters) took {(clock.Elapsed - started).TotalSeconds:0.0} s"));
            }

            switch (outcome.Kind)
            {
                case "ok":
                    ok++;
                    break;
                case "error":
                    errors++;
                    break;
                case "hang":
                    hangs++;
                    findings.Add(Save(outputDirectory, "hang", i, input, "ran longer than " + limit));
                    log.WriteLine($"fuzz: input {i} hung; stopping (the evaluation thread cannot be aborted)");
                    log.WriteLine(Totals().ToString());
                    return Totals();
                default:
                    crashes++;
                    findings.Add(Save(outputDirectory, "crash", i, input, outcome.Detail));
                    break;
            }

            if ((i + 1) % 10000 == 0)
            {
                log.WriteLine(Totals().ToString());
            }
        }

        log.WriteLine(Totals().ToString());
        return Totals();
    }

    private static CueFuzzFinding Save(string directory, string kind, int index, string input, string detail)
    {
        var path = Path.Combine(directory, $"{kind}-{index}.cue");

        // Inputs may hold lone surrogates, which UTF-8 cannot: the .cue file has them replaced, the .json file keeps
        // the exact input as a JSON string.
        File.WriteAllText(path, input, new System.Text.UTF8Encoding(false, false));
        File.WriteAllText(path + ".json", System.Text.Json.JsonSerializer.Serialize(input));
        File.WriteAllText(path + ".txt", detail, new System.Text.UTF8Encoding(false, false));
        return new CueFuzzFinding(kind, index, path, input, detail);
    }

    private sealed record Outcome(string Kind, string Detail)
    {
        public static readonly Outcome Ok = new("ok", string.Empty);
        public static readonly Outcome CueError = new("error", string.Empty);
        public static readonly Outcome Hang = new("hang", string.Empty);
    }

    private static Outcome Evaluate(string input, TimeSpan limit)
    {
        Outcome result = Outcome.Hang;
        var tid = 0;
        var thread = new Thread(
            () =>
            {
                tid = OperatingSystem.IsLinux() ? gettid() : 0;
                try
                {
                    var value = new CueContext().Compile(input, "fuzz.cue");
                    _ = value.ToJson();
                    result = Outcome.Ok;
                }
                catch (Exception e) when (e is CueEvalException or CueSyntaxException)
                {
                    result = Outcome.CueError;
                }
#pragma warning disable CA1031 // Every other exception is exactly what the harness looks for.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    result = new Outcome("crash", e.ToString());
                }
            },
            256 * 1024 * 1024)
        { IsBackground = true };
        thread.Start();

        // The limit is on the evaluation thread's CPU time where the OS tells it, so that a loaded machine does not
        // turn a slow input into a hang; the wall clock still stops an input at ten times the limit.
        var wall = Stopwatch.StartNew();
        while (!thread.Join(TimeSpan.FromMilliseconds(200)))
        {
            if (wall.Elapsed > limit * 10 || (tid > 0 ? ThreadCpu(tid) : wall.Elapsed) > limit)
            {
                return Outcome.Hang;
            }
        }

        return result;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = false)]
    private static extern int gettid();

    /// <summary>User plus system time of a thread of this process, from /proc (Linux).</summary>
    private static TimeSpan ThreadCpu(int tid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/self/task/{tid}/stat");

            // Fields after the command name (which may hold spaces) start at ") ": utime and stime are the 12th and
            // 13th of them, in clock ticks (100 a second on Linux).
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    // The fuzz tests' own mutator, with CUE's tokens to insert beside the characters that break most formats.
    private static string Mutate(string text, Random random) => new Dagger.TestRig.TextMutator(random, Tokens).Mutate(text);

    private static string Pathological(int kind) => kind switch
    {
        0 => "a: " + string.Concat(Enumerable.Repeat("{b: ", 100_000)) + "1" + new string('}', 100_000),
        1 => "a: " + new string('[', 100_000) + new string(']', 100_000),
        2 => "a: " + string.Join(" | ", Enumerable.Range(0, 10_000)),
        3 => "x: " + string.Join(" & ", Enumerable.Repeat("(*1 | 2 | 3)", 40)),
        4 => string.Concat(Enumerable.Range(0, 5_000).Select(i => $"a{i}: a{i + 1}\n")) + "a5000: 1\n",
        5 => "a: " + new string('(', 100_000) + "1" + new string(')', 100_000),
        _ => "#D: {a: int, b: #D | null}\nx: #D & " + string.Concat(Enumerable.Repeat("{a: 1, b: ", 5_000)) + "null" + new string('}', 5_000),
    };
}
