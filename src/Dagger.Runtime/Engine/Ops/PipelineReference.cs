namespace Dagger.Runtime.Engine.Ops;

/// <summary>
/// Another pipeline used by <c>load</c>, <c>copy</c> or a mount's <c>from</c>: a value with <c>#up</c>, or an inline op
/// list, named by the CUE path of the value that holds it.
/// </summary>
/// <param name="Path">The CUE path of the referenced value.</param>
public sealed record PipelineReference(string Path);
