namespace Dagger.Cue.UnitTests.Builtins;

/// <summary>
/// The table of builtin calls that <see cref="BuiltinDifferentialTests"/> runs through both implementations, one
/// partial file per package group. Each row is one line of CUE; the reference decides what it must give.
/// </summary>
internal static partial class BuiltinCases
{
    public static IReadOnlyList<BuiltinCase> All { get; } =
    [
        .. Strings(), .. Strconv(), .. MathCases(), .. Bits(), .. List(), .. Json(), .. Yaml(), .. Base64(), .. Hex(),
        .. Csv(), .. Regexp(), .. Struct(), .. Crypto(), .. Tabwriter(), .. Template(), .. PathCases(),
        .. Time(), .. Net(), .. Uuid(), .. Html(),
    ];

    // Cases that import only their own package.
    private static IEnumerable<BuiltinCase> Of(string package, params string[] expressions) =>
        expressions.Select(e => new BuiltinCase(package, e, [package]));

    // Cases that need more packages than their own (e.g. hex to print a digest).
    private static IEnumerable<BuiltinCase> With(string package, string[] imports, params string[] expressions) =>
        expressions.Select(e => new BuiltinCase(package, e, [package, .. imports]));
}
