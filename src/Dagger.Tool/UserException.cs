namespace Dagger.Tool;

/// <summary>A failure whose message is meant for the user as it is, without a stack trace.</summary>
internal sealed class UserException : Exception
{
    public UserException(string message, int exitCode = ExitCodes.Failure)
        : base(message) => ExitCode = exitCode;

    public UserException()
        : this("failed")
    {
    }

    public UserException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = ExitCodes.Failure;

    /// <summary>The exit code for this failure.</summary>
    public int ExitCode { get; }
}
