
namespace Dagger.Runtime.Cue.Core;

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
