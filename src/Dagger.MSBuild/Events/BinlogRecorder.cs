using System.Runtime.CompilerServices;
using Microsoft.Build.Framework;

namespace Dagger.MSBuild.Events;

/// <summary>
/// Records how each dagger task ended as a structured event (<see cref="ExtendedCustomBuildEventArgs"/>), which the
/// binary log keeps with its fields, so that a binlog viewer lists the tasks of a run with their status and time.
/// </summary>
internal sealed class BinlogRecorder(IBuildEngine engine, string plan)
{
    private bool unavailable;

    /// <summary>Records <paramref name="e"/>, an event that ends a task or the run.</summary>
    public void Record(DaggerEvent e)
    {
        if (unavailable)
        {
            return;
        }

        try
        {
            Log(e);
        }
        catch (TypeLoadException)
        {
            // MSBuild before 17.8 has no structured custom events; the messages still carry everything.
            unavailable = true;
        }
    }

    // Kept out of Record, so that a missing type fails when this method is compiled and Record can catch it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Log(DaggerEvent e)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["plan"] = plan,
            ["event"] = e.Name,
            ["task"] = e.Task,
            ["code"] = e.Code,
            ["result"] = e.Text("result"),
            ["duration"] = e.Number("duration")?.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            ["cached"] = e.Boolean("cached") is { } cached ? (cached ? "true" : "false") : null,
            ["exitCode"] = e.Integer("exitCode")?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var args = new ExtendedCustomBuildEventArgs(e.Name.StartsWith("run.", StringComparison.Ordinal) ? "Dagger.Run" : "Dagger.Task", e.Message, null, "DaggerUp")
        {
            ExtendedMetadata = fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value),
        };
        engine.LogCustomEvent(args);
    }
}
