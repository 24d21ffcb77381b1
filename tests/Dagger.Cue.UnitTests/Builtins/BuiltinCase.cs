namespace Dagger.Cue.UnitTests.Builtins;

/// <summary>One call of a builtin: a CUE expression on one line, evaluated with <paramref name="Imports"/> in scope.</summary>
/// <param name="Package">The package whose builtin the case exercises (the report groups by it).</param>
/// <param name="Expression">The expression, e.g. <c>strings.Repeat("ab", -1)</c>; never spans lines.</param>
/// <param name="Imports">The import paths the expression uses.</param>
internal sealed record BuiltinCase(string Package, string Expression, IReadOnlyList<string> Imports)
{
    /// <summary>The program that binds the case to <c>v</c>, as we evaluate it alone.</summary>
    public string Program =>
        string.Concat(Imports.Select(i => $"import \"{i}\"\n")) + "v: " + Expression + "\n";

    public override string ToString() => Expression;
}
