namespace Dagger.Cue.UnitTests.Differential;

/// <summary>How a generated field is declared.</summary>
internal enum GenLabelKind
{
    Regular,
    Hidden,
    Definition,
    Optional,
}
