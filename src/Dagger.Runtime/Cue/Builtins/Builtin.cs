using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>A builtin function: its name, parameter kinds and implementation.</summary>
internal sealed class Builtin
{
    public required string Name { get; init; }

    public required Kind[] Params { get; init; }

    public Kind Result { get; init; } = Kind.Top;

    /// <summary>Accepts any number of arguments at and after the last parameter.</summary>
    public bool Variadic { get; init; }

    public required Func<BuiltinCall, Value> Impl { get; init; }
}

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
