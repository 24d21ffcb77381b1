using Dagger.Tool;
using Dagger.Tool.Rendering;

return await Cli.RunAsync(args, Console.Out, Console.Error, CliContext.Process() with
{
    ErrorTerminal = Terminal.OfStandardError(Environment.GetEnvironmentVariable),
    InterruptGrace = TimeSpan.FromSeconds(10),
}).ConfigureAwait(false);
