using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Scheduling;

/// <summary>A file to read from a state once it is solved.</summary>
/// <param name="State">The state.</param>
/// <param name="Path">The file's absolute path in it.</param>
/// <param name="Op">The export op that reads it, so that a missing file is attributed to it.</param>
public sealed record FileRead(State State, string Path, OpSource? Op = null);
