using System.Runtime.InteropServices;
using Dagger.Action;

// SIGINT (a workflow cancel, Ctrl-C) interrupts dagger and lets the report say "cancelled"; SIGTERM, which the
// runner sends when that takes too long, stops the reporting as well.
using var cancel = new CancellationTokenSource();
using var hardStop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
    hardStop.Cancel();
});

Console.OutputEncoding = new System.Text.UTF8Encoding(false);
return await ActionProgram.RunAsync(args, ActionEnvironment.FromProcess(), Console.Out, ActionSettings.Default, cancel.Token, hardStop.Token);
