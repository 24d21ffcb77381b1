namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// A CUE list as the template engine sees it: Go's <c>[]interface{}</c>. <see cref="Cap"/> is the slice's
/// capacity, which Go's <c>slice</c> function may reach beyond the length (the extra elements are nil).
/// </summary>
/// <param name="Items">The elements: Go values (see <see cref="GoValues"/>), null for nil.</param>
/// <param name="Cap">The capacity, at least the number of items.</param>
internal sealed record GoList(IReadOnlyList<object?> Items, int Cap);
