namespace Dagger.Runtime.Cue.Syntax;

/// <summary>A scanning or parsing error, with the position it happened at.</summary>
public sealed class CueSyntaxException : Exception
{
    /// <summary>Creates the error.</summary>
    public CueSyntaxException(Pos pos, string message)
        : base($"{message}: {pos}")
    {
        Pos = pos;
        _reason = message;
    }

    /// <summary>Creates an error without position.</summary>
    public CueSyntaxException()
        : base("syntax error")
    {
    }

    /// <summary>Creates an error without position.</summary>
    public CueSyntaxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error without position.</summary>
    public CueSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Where the error is.</summary>
    public Pos Pos { get; }

    /// <summary>The path of the field whose value holds the error (<c>a.b</c>), for errors CUE reports at a field;
    /// empty for plain syntax errors.</summary>
    public string Path { get; init; } = "";

    /// <summary>The message without the position.</summary>
    public string Reason => _reason ?? Message;

    private readonly string? _reason;
}
