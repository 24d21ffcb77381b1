using Dagger.TestRig;

namespace Dagger.Tool.Testing;

/// <summary>The in-process CLI, pointed at the rig's engine.</summary>
internal static partial class DaggerRun
{
    /// <summary>Runs the CLI against the rig's engine.</summary>
    public static Task<(int Code, string Out, string Err)> OnRigAsync(params string[] args) =>
        RunAsync([.. args, "--engine", "docker+" + Rig.Current.Engine.Uri]);
}
