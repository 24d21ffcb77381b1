using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>A place where CUE needs a value from BuildKit: a file of a state, read once the state is solved.</summary>
/// <param name="Op">The export op.</param>
/// <param name="State">The state the file is read from.</param>
public sealed record ExportPoint(ExportOp Op, State State);
