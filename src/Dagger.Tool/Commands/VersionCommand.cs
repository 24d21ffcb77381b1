using System.CommandLine;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Diagnostics;

namespace Dagger.Tool.Commands;

/// <summary><c>dagger version</c>.</summary>
internal static class VersionCommand
{
    public static Command Create(TextWriter stdout)
    {
        var command = new Command(
            "version",
            "Print dagger's version, the commit it was built from, the OS/architecture, and the engine address it "
            + "would use (without connecting to it).");
        command.SetAction(parse =>
        {
            var engine = EngineDiscovery.Resolve(parse.GetValue(Cli.EngineOption));
            stdout.WriteLine($"dagger {BuildInfo.Version}");
            stdout.WriteLine($"commit:   {BuildInfo.Commit}");
            stdout.WriteLine($"platform: {BuildInfo.Platform}");
            stdout.WriteLine($"runtime:  .NET {Environment.Version}");
            stdout.WriteLine(engine is null
                ? "engine:   none found (set BUILDKIT_HOST or DOCKER_HOST, or start a Docker Engine; scripts/engine does this)"
                : $"engine:   {engine}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
