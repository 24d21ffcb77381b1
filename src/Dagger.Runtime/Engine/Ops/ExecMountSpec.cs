namespace Dagger.Runtime.Engine.Ops;

/// <summary>A mount of an exec, at an absolute <paramref name="Target"/> path.</summary>
public abstract record ExecMountSpec(string Target);
