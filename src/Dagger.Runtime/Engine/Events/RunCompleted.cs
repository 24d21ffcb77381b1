using Dagger.Runtime.Engine.Runs;

namespace Dagger.Runtime.Engine.Events;

/// <summary>A run ended: the last event. It carries the whole outcome.</summary>
/// <param name="Outcome">What the run produced.</param>
public sealed record RunCompleted(RunOutcome Outcome) : RunEvent
{
    /// <inheritdoc />
    public override string Name => "run.completed";

    /// <inheritdoc />
    public override EventLevel Level => Outcome.Result == RunResult.Success ? EventLevel.Info : EventLevel.Error;

    /// <inheritdoc />
    public override string Message
    {
        get
        {
            var seconds = Outcome.Duration.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            return Outcome.Result switch
            {
                RunResult.Success => $"completed in {seconds}s",
                RunResult.Cancelled => $"cancelled after {seconds}s",
                _ => $"failed in {seconds}s",
            };
        }
    }

    /// <inheritdoc />
    public override RunEvent Redact(SecretRedactor redactor) => this;
}
