namespace Dagger.Runtime.BuildKit;

/// <summary>The engine could not be reached, or it refused the connection.</summary>
public sealed class EngineConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EngineConnectionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EngineConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public EngineConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
