using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Runs;
using Dagger.Runtime.Engine.Scheduling;

namespace Dagger.Tool.Commands;

/// <summary>Runs a request and turns the engine's failures into user errors with the right exit code.</summary>
internal static class PlanRun
{
    /// <summary>Prints every task with the LLB of its pipeline, or what it waits for, as one JSON document.</summary>
    public static async Task DryRunAsync(RunRequest request, TextWriter stdout, CancellationToken cancellationToken)
    {
        IReadOnlyList<DryRunTask> tasks;
        try
        {
            tasks = await PlanRunner.DryRunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PlanException or OpException or BuildFailedException or EngineConnectionException)
        {
            throw new UserException(e.Message);
        }

        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("tasks");
            foreach (var task in tasks)
            {
                json.WriteStartObject();
                json.WriteString("path", task.Path);
                json.WriteStartArray("dependsOn");
                foreach (var dependency in task.DependsOn)
                {
                    json.WriteStringValue(dependency);
                }

                json.WriteEndArray();
                if (task.Pipeline is { } pipeline)
                {
                    json.WriteString("status", "compiled");
                    json.WriteStartArray("exports");
                    foreach (var export in pipeline.Exports)
                    {
                        json.WriteStringValue(export.Op.Path);
                    }

                    json.WriteEndArray();
                    json.WritePropertyName("llb");
                    // Parsed again so that it is indented as part of the whole document.
                    using (var llb = System.Text.Json.JsonDocument.Parse(pipeline.State.Marshal().ToJson()))
                    {
                        llb.WriteTo(json);
                    }
                }
                else
                {
                    json.WriteString("status", "waiting");
                    json.WriteStartArray("missing");
                    foreach (var missing in task.Missing)
                    {
                        json.WriteStringValue(missing);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        await stdout.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
    }

    public static async Task<RunResult> RunAsync(RunRequest request, bool jsonLogs, TextWriter stderr, CancellationToken cancellationToken)
    {
        // The engine hides secrets in its events and messages; hiding them again in every line written costs little.
        var redactor = PlanRunner.RedactorFor(request);
        var renderer = new EventRenderer(stderr, redactor, jsonLogs);
        try
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = await PlanRunner.RunAsync(request, renderer.Render, cancellationToken).ConfigureAwait(false);
            renderer.Completed(result.Report, System.Diagnostics.Stopwatch.GetElapsedTime(start));
            return result;
        }
        catch (RunFailedException e)
        {
            // A failing exec's own exit code is the process's, where it fits one.
            throw new UserException(redactor.Redact(e.Message), e.ExitCode is > 0 and < 126 ? e.ExitCode.Value : ExitCodes.Failure);
        }
        catch (Exception e) when (e is PlanException or OpException or BuildFailedException or EngineConnectionException)
        {
            throw new UserException(redactor.Redact(e.Message));
        }
    }
}
