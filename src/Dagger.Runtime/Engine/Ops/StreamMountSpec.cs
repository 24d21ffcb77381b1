namespace Dagger.Runtime.Engine.Ops;

/// <summary>A local socket (a <c>dagger.#Stream</c> input) forwarded into the exec at the target path.</summary>
public sealed record StreamMountSpec(string Target, string StreamId) : ExecMountSpec(Target);
