namespace Dagger.Cue.UnitTests.Differential;

/// <summary>How a definition constrains one of its fields.</summary>
internal enum SchemaForm
{
    /// <summary>Not a schema field.</summary>
    None,

    /// <summary><c>a: int</c>: a value must supply it.</summary>
    TypeOnly,

    /// <summary><c>a: *"x" | string</c>.</summary>
    Default,

    /// <summary><c>a: &gt;=lo &amp; &lt;=hi</c>: a value must supply it within range.</summary>
    Bound,

    /// <summary><c>kind: "thing"</c>.</summary>
    Concrete,

    /// <summary><c>a?: bool</c>.</summary>
    Optional,

    /// <summary>A nested (closed) struct schema, or a reference to another definition.</summary>
    Nested,
}
