using Dagger.Runtime.Cue;

namespace Dagger.Runtime.Engine.Ops;

/// <summary>Where an op comes from: its CUE path, its pipeline, and its place in the source.</summary>
/// <param name="Path">The CUE path of the op, such as <c>build.#up[2]</c>.</param>
/// <param name="Position">The source position as <c>file:line:col</c> (columns in bytes, as CUE counts them), when
/// known. Cache mounts are named after it, so it must stay stable.</param>
public sealed record OpSource(string Path, string? Position = null)
{
    /// <summary>The op's text in the plan (columns in characters), when known.</summary>
    public SourceSpan? Span { get; init; }

    /// <summary>The CUE path of the value whose pipeline holds the op: a task, or a pipeline a task uses.</summary>
    public string Task { get; init; } = "";

    /// <summary>The op's index in its pipeline, from 0; -1 when unknown.</summary>
    public int Index { get; init; } = -1;

    /// <summary>The op's kind (its <c>do</c>: <c>exec</c>, <c>fetch-container</c>…), when known.</summary>
    public string Kind { get; init; } = "";

    /// <inheritdoc />
    public override string ToString() => Path;
}
