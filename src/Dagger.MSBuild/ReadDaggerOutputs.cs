using Microsoft.Build.Framework;

namespace Dagger.MSBuild;

/// <summary>
/// Reads the outputs of the plans back from their stamp files, so that later targets get <c>DaggerOutputs</c> also
/// when a plan was up to date and did not run.
/// </summary>
public sealed class ReadDaggerOutputs : Microsoft.Build.Utilities.Task
{
    /// <summary>The plans' runs, as <see cref="ResolveDaggerPlans"/> made them, with their <c>StampFile</c>.</summary>
    public ITaskItem[] Runs { get; set; } = [];

    /// <summary>The plans' outputs, with metadata <c>Path</c>, <c>Value</c> and <c>Plan</c>.</summary>
    [Output]
    public ITaskItem[] Outputs { get; private set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        var outputs = new List<ITaskItem>();
        foreach (var run in Runs)
        {
            var stamp = run.GetMetadata("StampFile");
            if (!File.Exists(stamp))
            {
                // A dry run leaves no stamp, and has no outputs.
                continue;
            }

            foreach (var line in File.ReadAllLines(stamp).Where(l => l.StartsWith("{", StringComparison.Ordinal)))
            {
                if (DaggerOutput.FromLine(line) is { } output)
                {
                    outputs.Add(output.ToItem(run.ItemSpec));
                }
            }
        }

        Outputs = [.. outputs];
        return true;
    }
}
