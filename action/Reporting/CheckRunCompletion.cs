using Dagger.Action.Runs;

namespace Dagger.Action.Reporting;

/// <summary>How the end of a check run went.</summary>
/// <param name="Unsent">Problems whose annotations GitHub did not take: they must be reported another way.</param>
/// <param name="Error">The first failure, or null when all went through.</param>
/// <param name="Concluded">Whether the conclusion was set.</param>
internal sealed record CheckRunCompletion(IReadOnlyList<Problem> Unsent, Exception? Error, bool Concluded);
