namespace Dagger.Runtime.BuildKit;

/// <summary>
/// The connection to the engine broke during a build: the engine stopped, restarted or crashed, or the network between
/// went down. Not a failure of the build itself, whose ops may well have been fine.
/// </summary>
public sealed class EngineConnectionLostException : IOException
{
    /// <summary>Creates the exception.</summary>
    public EngineConnectionLostException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EngineConnectionLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public EngineConnectionLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
