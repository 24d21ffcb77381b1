namespace Dagger.Runtime.BuildKit.Http2;

/// <summary>The peer broke the HTTP/2 or HPACK rules, or ended the connection in a way the call cannot survive.</summary>
internal sealed class Http2ProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public Http2ProtocolException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public Http2ProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public Http2ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
