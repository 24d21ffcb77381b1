using Dagger.TestRig;

namespace Dagger.Tool.Tests;

/// <summary>Runs the CLI in-process, capturing what it prints.</summary>
internal static class DaggerRun
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Cli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the CLI against the rig's engine.</summary>
    public static Task<(int Code, string Out, string Err)> OnRigAsync(params string[] args) =>
        RunAsync([.. args, "--engine", "docker+" + Rig.Current.Engine.Uri]);
}
