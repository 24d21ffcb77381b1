using System.CommandLine;
using System.Globalization;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Llb;
using Dagger.Runtime.Llb.Pb;

namespace Dagger.Tool.Commands;

/// <summary><c>dagger engine</c>: inspect the BuildKit engine.</summary>
internal static class EngineCommand
{
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("engine", "Inspect the BuildKit engine dagger runs on.");
        var info = new Command(
            "info",
            "Connect to the engine and print its kind, address, workers and platforms, the exec network mode dagger "
            + "will use, its exporters, and its gateway and LLB capabilities.");
        info.SetAction(async (parse, cancellationToken) =>
        {
            var address = EngineDiscovery.Resolve(parse.GetValue(Cli.EngineOption))
                ?? throw new DaggerException(
                    ErrorCodes.EngineUnreachable,
                    Messages.NoEngineToInspect);
            EngineCapabilities caps;
            try
            {
                var client = await BuildKitClient.ConnectAsync(address, new BuildKitClientOptions { ConnectTimeout = Cli.EngineTimeout(parse) }, cancellationToken).ConfigureAwait(false);
                await using (client.ConfigureAwait(false))
                {
                    caps = await client.GetCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (EngineConnectionException e)
            {
                throw new DaggerException(ErrorCodes.EngineUnreachable, e.Message, null, e);
            }
            catch (BuildFailedException e)
            {
                throw new DaggerException(ErrorCodes.EngineLost, Message.Format(Messages.EngineFailedToAnswer, address.Uri, e.Message), null, e);
            }

            await stdout.WriteLineAsync(Render(address, caps)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(info);
        return command;
    }

    internal static string Render(EngineAddress address, EngineCapabilities caps)
    {
        var text = new System.Text.StringBuilder();
        void Line(string key, string value) => text.Append(CultureInfo.InvariantCulture, $"{key + ":",-15}{value}\n");

        Line("kind", address.Kind == EngineKind.DockerEngine ? "Docker Engine (built-in BuildKit)" : "buildkitd");
        Line("address", $"{address.Uri} (from {address.Source})");
        foreach (var worker in caps.Workers)
        {
            Line("worker", $"{worker.Id}: {string.Join(", ", worker.Platforms)}");
        }

        Line("exec network", caps.ExecNetwork switch
        {
            NetworkMode.Host => "host (the engine has no sandbox network)",
            NetworkMode.None => "none",
            _ => "sandbox (engine default)",
        });
        Line("exporters", string.Join(", ", caps.Exporters));
        Line("frontend caps", string.Join(", ", caps.FrontendCaps.Order(StringComparer.Ordinal)));
        Line("llb caps", string.Join(", ", caps.LlbCaps.Order(StringComparer.Ordinal)));
        return text.ToString().TrimEnd('\n');
    }
}
