namespace Dagger.Cue.UnitTests.Differential;

/// <summary>The kind of value a generated node holds.</summary>
internal enum GenShape
{
    Int,
    Float,
    String,
    Bool,
    List,
    Struct,
}
