namespace Dagger.Runtime.Llb;

/// <summary>An LLB graph could not be built or marshalled; the message names the offending op, path or value.</summary>
public sealed class LlbException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public LlbException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and the error that caused it.</summary>
    public LlbException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public LlbException()
    {
    }
}
