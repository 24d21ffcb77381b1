namespace Dagger.Runtime.Engine.Ops;

/// <summary>Another pipeline's result (or its <paramref name="Path"/> sub-directory); writes are discarded.</summary>
public sealed record FromMountSpec(string Target, PipelineReference From, string Path = "/") : ExecMountSpec(Target);
