namespace Dagger.Runtime.Cue.Core;

/// <summary>A builtin package such as <c>strings</c>: its functions and constants by name.</summary>
internal sealed class PackageValue(string name, Dictionary<string, Value> members) : Value
{
    public string Name { get; } = name;

    public Dictionary<string, Value> Members { get; } = members;

    public override Kind Kind => Kind.Top;

    public override string ToString() => Name;
}
