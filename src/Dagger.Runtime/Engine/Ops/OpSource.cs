namespace Dagger.Runtime.Engine.Ops;

/// <summary>Where an op comes from: its CUE path, and its position in the source when known.</summary>
/// <param name="Path">The CUE path of the op, such as <c>build.#up[2]</c>.</param>
/// <param name="Position">The source position as <c>file:line:col</c>, when known.</param>
public sealed record OpSource(string Path, string? Position = null)
{
    /// <inheritdoc />
    public override string ToString() => Position is null ? Path : $"{Path} ({Position})";
}
