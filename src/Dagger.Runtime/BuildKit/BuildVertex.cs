namespace Dagger.Runtime.BuildKit;

/// <summary>A vertex of a build as the engine reports it.</summary>
/// <param name="Digest">The op's digest, as computed for the LLB definition.</param>
/// <param name="Name">The name the engine shows: the op's <c>llb.customname</c> when it has one.</param>
/// <param name="CustomName">The op's <c>llb.customname</c> from the definition that was solved, when known.</param>
public sealed record BuildVertex(string Digest, string Name, string? CustomName)
{
    /// <summary>The name to show a user: the custom name when there is one, else the engine's name.</summary>
    public string DisplayName => CustomName ?? Name;

    /// <summary>Where the op comes from (<c>file:line:column</c>), from the solved definition's source map.</summary>
    public IReadOnlyList<string> Locations { get; init; } = [];
}
