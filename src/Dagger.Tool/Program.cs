using Dagger.Tool;
using Dagger.Tool.Rendering;

return await Cli.RunAsync(args, Console.Out, Console.Error, CliContext.Process() with { ErrorTerminal = Terminal.OfStandardError(Environment.GetEnvironmentVariable) }).ConfigureAwait(false);
