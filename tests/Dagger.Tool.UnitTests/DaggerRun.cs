namespace Dagger.Tool.Testing;

/// <summary>Runs the CLI in-process, capturing what it prints.</summary>
internal static partial class DaggerRun
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Cli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
