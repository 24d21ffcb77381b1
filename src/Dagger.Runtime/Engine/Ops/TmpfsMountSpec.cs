namespace Dagger.Runtime.Engine.Ops;

/// <summary>A tmpfs: its contents never reach the result.</summary>
public sealed record TmpfsMountSpec(string Target) : ExecMountSpec(Target);
