namespace Dagger.Runtime.Cue.Core;

/// <summary>
/// Reads the bits of a feature (<c>index &lt;&lt; 3 | type</c>); turning features into names and back needs the
/// <see cref="LabelTable"/> of the context that made them.
/// </summary>
internal static class Labels
{
    public const int None = -1;

    public static int Int(int i) => (i << 3) | (int)LabelType.Int;

    public static LabelType TypeOf(int f) => (LabelType)(f & 7);

    public static bool IsRegular(int f) => TypeOf(f) is LabelType.String or LabelType.Int;

    public static bool IsString(int f) => TypeOf(f) == LabelType.String;

    public static bool IsDefinition(int f) => TypeOf(f) is LabelType.Definition or LabelType.HiddenDefinition;

    public static bool IsHidden(int f) => TypeOf(f) is LabelType.Hidden or LabelType.HiddenDefinition;

    public static int IndexOf(int f) => f >> 3;
}
