using System.Diagnostics;
using System.Text;
using System.Text.Json;

using Dagger.Cue.UnitTests.Conformance;

namespace Dagger.Cue.UnitTests.Differential;

/// <summary>
/// Runs many programs through the reference CUE in few node processes (tests/oracle/cue.mjs --batch): the wasm is
/// compiled once per process instead of once per program. A program that hangs is reported as timed out, its node
/// process is killed and a fresh one carries on with the next program.
/// </summary>
internal static class OracleBatch
{
    public static async Task<ProcessResult[]> RunAsync(
        IReadOnlyList<OracleJob> jobs, int processes, TimeSpan perProgram, CancellationToken cancellationToken)
    {
        var results = new ProcessResult[jobs.Count];
        var shard = (jobs.Count + processes - 1) / Math.Max(processes, 1);
        var shards = Enumerable.Range(0, processes)
            .Select(p => (Start: p * shard, End: Math.Min(jobs.Count, (p + 1) * shard)))
            .Where(s => s.Start < s.End)
            .Select(s => RunRangeAsync(jobs, s.Start, s.End, results, perProgram, cancellationToken));
        await Task.WhenAll(shards).ConfigureAwait(false);
        return results;
    }

    private static async Task RunRangeAsync(
        IReadOnlyList<OracleJob> jobs, int start, int end, ProcessResult[] results, TimeSpan perProgram, CancellationToken cancellationToken)
    {
        var next = start;
        while (next < end)
        {
            next = await RunProcessAsync(jobs, next, end, results, perProgram, cancellationToken).ConfigureAwait(false);
        }
    }

    // Returns the index to continue from.
    private static async Task<int> RunProcessAsync(
        IReadOnlyList<OracleJob> jobs, int start, int end, ProcessResult[] results, TimeSpan perProgram, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
            WorkingDirectory = TestPaths.RepoRoot,
        };
        info.ArgumentList.Add(TestPaths.OracleScript);
        info.ArgumentList.Add("--batch");
        info.ArgumentList.Add("-");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start node");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var input = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            input.Append(JsonSerializer.Serialize(new { dir = jobs[i].Dir, args = jobs[i].Args })).Append('\n');
        }

        // Written in the background: node reads as it goes, and a full pipe must not block us.
        var writer = Task.Run(
            async () =>
            {
                try
                {
                    await process.StandardInput.WriteAsync(input, cancellationToken).ConfigureAwait(false);
                    process.StandardInput.Close();
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
                {
                    // node died or was killed; the reader reports it.
                }
            },
            cancellationToken);

        var index = start;
        var clock = Stopwatch.StartNew();
        try
        {
            while (index < end)
            {
                string? line;
                using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    // The first program also pays for compiling the wasm.
                    limit.CancelAfter(index == start ? perProgram * 2 : perProgram);
                    try
                    {
                        line = await process.StandardOutput.ReadLineAsync(limit.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        results[index] = new ProcessResult(-1, "", "oracle: no result within the time limit", true, clock.Elapsed);
                        return index + 1;
                    }
                }

                if (line is null)
                {
                    await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                    throw new InvalidOperationException(
                        $"the oracle's batch process exited ({process.ExitCode}) after {index - start} of {end - start} programs: "
                        + await stderr.ConfigureAwait(false));
                }

                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                results[index] = new ProcessResult(
                    r.GetProperty("code").GetInt32(),
                    r.GetProperty("stdout").GetString() ?? "",
                    r.GetProperty("stderr").GetString() ?? "",
                    false,
                    TimeSpan.FromMilliseconds(r.GetProperty("ms").GetDouble()));
                index++;
                clock.Restart();
            }

            await writer.ConfigureAwait(false);
            return end;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
