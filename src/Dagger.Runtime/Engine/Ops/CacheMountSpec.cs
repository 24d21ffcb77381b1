namespace Dagger.Runtime.Engine.Ops;

/// <summary>A persistent cache, shared by every exec that uses the same <paramref name="Id"/>.</summary>
public sealed record CacheMountSpec(string Target, string Id) : ExecMountSpec(Target);
