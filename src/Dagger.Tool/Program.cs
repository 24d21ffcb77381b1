using Dagger.Tool;
using Dagger.Tool.Commands;
using Dagger.Tool.Rendering;

// This process ends with its command.
BatchGc.ReleaseAfterWork = false;

return await Cli.RunAsync(args, Console.Out, Console.Error, CliContext.Process() with
{
    ErrorTerminal = Terminal.OfStandardError(Environment.GetEnvironmentVariable),
    InterruptGrace = TimeSpan.FromSeconds(10),
}).ConfigureAwait(false);
