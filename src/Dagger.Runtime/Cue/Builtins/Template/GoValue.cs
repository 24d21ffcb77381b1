namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// What Go's reflection holds while a template runs: a value (<see cref="GoValues"/>), Go's "zero Value" for
/// something absent (a missing map key prints as <c>&lt;no value&gt;</c>, unlike a present nil), and whether
/// the static type is <c>interface{}</c> (map and list elements are, which shows in some error messages).
/// </summary>
/// <param name="Value">The Go value; null for nil.</param>
/// <param name="Valid">False for the zero Value.</param>
/// <param name="Boxed">True when the value sits in an <c>interface{}</c>.</param>
internal readonly record struct GoValue(object? Value, bool Valid, bool Boxed)
{
    /// <summary>The zero Value: no value at all.</summary>
    public static GoValue Missing => default;

    public static GoValue Of(object? value) => value is null ? Missing : new(value, true, false);

    public static GoValue InInterface(object? value) => new(value, true, true);

    /// <summary>Go's unwrapping of an <c>interface{}</c> after each pipeline stage: a nil inside becomes no value.</summary>
    public GoValue Unboxed => Boxed ? Of(Value) : this;

    /// <summary>Nil inside an interface, as <c>indirect</c> reports it.</summary>
    public bool IsNilInterface => Valid && Boxed && Value is null;
}
