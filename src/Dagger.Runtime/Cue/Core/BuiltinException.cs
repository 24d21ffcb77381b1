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
}
