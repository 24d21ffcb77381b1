using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>
/// An op that acts on the world outside the build (<c>push-container</c>, <c>save-image</c>, <c>docker-login</c>),
/// met while compiling: the run performs it (<see cref="PipelineCompiler.PerformAsync"/>), once, and compiles the
/// pipeline again with its result. Compiling alone never pushes, saves or logs in.
/// </summary>
/// <param name="Op">The op.</param>
/// <param name="State">The state the op acts on: the pipeline's state before it.</param>
/// <param name="Config">The image config of that state, when it has one.</param>
public sealed record ImageEffect(PipelineOp Op, State State, ReadOnlyMemory<byte>? Config)
{
    /// <summary>Why a dry run cannot go past this op.</summary>
    public string Reason => Message.Format(Messages.ActsOnTheEngine, Op.Source.Path, Op.Kind);
}
