namespace Dagger.Runtime.Cue.Core;

/// <summary>Thrown when evaluation exceeds its depth or work budget (pathological input).</summary>
internal sealed class EvalLimitException : Exception
{
    public EvalLimitException(string message)
        : base(message)
    {
    }

    public EvalLimitException()
        : base("evaluation limit exceeded")
    {
    }

    public EvalLimitException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
