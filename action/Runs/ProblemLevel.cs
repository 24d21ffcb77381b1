namespace Dagger.Action.Runs;

/// <summary>How bad a problem is; the order is the order in which reports show them.</summary>
internal enum ProblemLevel
{
    /// <summary>An error: the run failed because of it.</summary>
    Error,

    /// <summary>A warning: the run went on.</summary>
    Warning,

    /// <summary>Something worth knowing.</summary>
    Notice,
}
