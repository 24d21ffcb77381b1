using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Scheduling;

namespace Dagger.Runtime.Engine.Runs;

/// <summary>The plan with its computed values, and what the run did.</summary>
public sealed record RunResult(CuePlan Plan, RunReport Report);
