namespace Dagger.Runtime.Engine.Compilation;

/// <summary>An image op failed in the engine; the compiler adds the op's path and position.</summary>
public sealed class ImageServiceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImageServiceException()
        : base("the image operation failed")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ImageServiceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ImageServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exit code of a command that failed while the image was built, if one did.</summary>
    public int? ExitCode { get; init; }
}
