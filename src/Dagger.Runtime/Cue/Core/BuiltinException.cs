namespace Dagger.Runtime.Cue.Core;

/// <summary>A builtin failure; incomplete failures mean an argument is not concrete yet.</summary>
internal sealed class BuiltinException : Exception
{
    public BuiltinException(string message, bool incomplete = false)
        : base(message) => Incomplete = incomplete;

    public BuiltinException()
        : base("builtin failed")
    {
    }

    public BuiltinException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public bool Incomplete { get; }

    /// <summary>The index of the argument the error is about (its position is reported), or -1.</summary>
    public int Argument { get; init; } = -1;

    /// <summary>An error value of an argument, which the call returns as it is (v0.4 does not wrap it).</summary>
    public Bottom? Cause { get; init; }
}
