using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Llb;

namespace Dagger.Runtime.Engine.Compilation;

/// <summary>The state of a pipeline right after one of its ops.</summary>
public sealed record PipelineStep(PipelineOp Op, State State);
