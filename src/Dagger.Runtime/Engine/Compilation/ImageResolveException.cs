namespace Dagger.Runtime.Engine.Compilation;

/// <summary>An image reference could not be resolved.</summary>
public sealed class ImageResolveException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImageResolveException()
    {
    }

    /// <summary>Creates the exception with a message for the user.</summary>
    public ImageResolveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and its cause.</summary>
    public ImageResolveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
