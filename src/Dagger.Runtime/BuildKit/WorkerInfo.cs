namespace Dagger.Runtime.BuildKit;

/// <summary>A BuildKit worker: what executes ops, and for which platforms.</summary>
/// <param name="Id">The worker's id (<c>moby</c> inside a Docker Engine).</param>
/// <param name="Platforms">Platforms as <c>os/arch[/variant]</c>.</param>
/// <param name="Labels">The worker's labels, such as its executor and snapshotter.</param>
public sealed record WorkerInfo(string Id, IReadOnlyList<string> Platforms, IReadOnlyDictionary<string, string> Labels);
