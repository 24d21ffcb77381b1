namespace Dagger.Cue.UnitTests.Differential;

/// <summary>The CUE constructs the program generator may use. The differential test states which ones it enables.</summary>
[Flags]
public enum CueFeatures
{
    /// <summary>Nested structs of int, string and bool literals only.</summary>
    None = 0,

    /// <summary><c>*1 | 2</c>, <c>string | *"x"</c>, and disjunctions of struct literals.</summary>
    Disjunctions = 1 << 0,

    /// <summary>Closed <c>#D</c> schemas (nested, bounds, defaults, optional fields, <c>...</c>) unified with values.</summary>
    Definitions = 1 << 1,

    /// <summary>References to siblings, parents and selected paths, struct copies and extensions (<c>a &amp; {...}</c>),
    /// shadowed labels and forward references (declarations are shuffled).</summary>
    References = 1 << 2,

    /// <summary><c>for k, v in struct</c>, <c>for i, x in list</c>, <c>if</c> guards, list comprehensions.</summary>
    Comprehensions = 1 << 3,

    /// <summary><c>"x\(expr)y"</c>.</summary>
    Interpolation = 1 << 4,

    /// <summary><c>+ - * / div mod</c>, comparisons and boolean operators.</summary>
    Arithmetic = 1 << 5,

    /// <summary>Float literals and float arithmetic (kinds must survive: <c>2.0</c> is not <c>2</c>).</summary>
    Floats = 1 << 6,

    /// <summary>List literals, indexing, <c>len</c>.</summary>
    Lists = 1 << 7,

    /// <summary><c>a?: int</c>, left out of the export.</summary>
    OptionalFields = 1 << 8,

    /// <summary><c>_a: ...</c>, referenced but not exported.</summary>
    HiddenFields = 1 << 9,

    /// <summary><c>{#D, a: 1}</c> and <c>{other, a: 1}</c>.</summary>
    Embedding = 1 << 10,

    /// <summary>One label declared several times: struct fragments (<c>a: b: 1</c>) and narrowing (<c>a: int</c>).</summary>
    RepeatedFields = 1 << 11,

    /// <summary>About one program in six gets a deliberate error: type or value conflict, closedness violation,
    /// bound violation, or a non-concrete value.</summary>
    Conflicts = 1 << 12,

    /// <summary>Everything.</summary>
    All = (1 << 13) - 1,
}
