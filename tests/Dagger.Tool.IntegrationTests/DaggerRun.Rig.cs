using Dagger.TestRig;

namespace Dagger.Tool.Testing;

/// <summary>The in-process CLI, pointed at the rig's engine.</summary>
internal static partial class DaggerRun
{
    /// <summary>
    /// Runs the CLI against the rig's engine. A run with <c>--log-format json</c> must write only valid events: every
    /// line is checked against the event stream's contract.
    /// </summary>
    public static async Task<(int Code, string Out, string Err)> OnRigAsync(params string[] args)
    {
        var result = await RunAsync([.. args, "--engine", "docker+" + Rig.Current.Engine.Uri]);
        var format = Array.IndexOf(args, "--log-format");
        if (format >= 0 && format + 1 < args.Length && args[format + 1] == "json")
        {
            EventContract.Require(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return result;
    }
}
