using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Scheduling;

/// <summary>A file to read from a state once it is solved.</summary>
/// <param name="State">The state.</param>
/// <param name="Path">The file's absolute path in it.</param>
/// <param name="Name">The name of the vertex that reads it, so that a missing file is attributed to its export op.</param>
public sealed record FileRead(State State, string Path, string? Name = null);
