namespace Dagger.Runtime.Cue.Errors;

/// <summary>What kind of problem a <see cref="CueError"/> reports, for tools that classify errors.</summary>
public enum CueErrorKind
{
    /// <summary>Any other evaluation error: a failed builtin, an invalid operation, a reference not found.</summary>
    Evaluation,

    /// <summary>A file does not parse.</summary>
    Syntax,

    /// <summary>Values do not unify: conflicting values, a field a closed struct does not allow.</summary>
    Conflict,

    /// <summary>A value is not concrete where it must be.</summary>
    Incomplete,

    /// <summary>A reference or structural cycle.</summary>
    Cycle,

    /// <summary>An import cannot be resolved, or imports form a cycle.</summary>
    Import,

    /// <summary>The files or package to load cannot be found or do not form one package.</summary>
    Package,
}
