namespace Dagger.Runtime.Cue.Core;

/// <summary>The kind of a field label, encoded in the low bits of a feature.</summary>
internal enum LabelType
{
    String = 0,
    Int = 1,
    Definition = 3,
    Hidden = 6,
    HiddenDefinition = 7,
}
