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

    /// <summary>How the call reports the error (see <see cref="BuiltinErrorForm"/>).</summary>
    public BuiltinErrorForm Form { get; init; }

    /// <summary>Where the values the error is about came from (list elements), listed after the call.</summary>
    public IReadOnlyList<Syntax.Pos> Positions { get; init; } = [];

    /// <summary>An error value of an argument, which the call returns as it is (v0.4 does not wrap it).</summary>
    public Bottom? Cause { get; init; }
}

/// <summary>How v0.4 reports a builtin's error.</summary>
internal enum BuiltinErrorForm
{
    /// <summary>Told by the message: a kind check of an argument (it ends in "to pkg.Func") at the argument, a
    /// failed conversion of an argument at the call and the argument, any other error wrapped.</summary>
    Inferred,

    /// <summary>One of v0.4's own errors about converting an argument (its callError): as it is, with the field's
    /// path, at the call, then at the argument and at <see cref="BuiltinException.Positions"/>.</summary>
    AsIs,

    /// <summary>The function's own error: "error in call to pkg.Func: ..." without the field's path (v0.4 gives
    /// the function's error none), at the call, then at the argument and at
    /// <see cref="BuiltinException.Positions"/>.</summary>
    Wrapped,
}
