namespace Dagger.Runtime.Engine.Diagnostics;

/// <summary>Every code that dagger reports; <c>docs/errors.md</c> documents each one, and a test keeps them in step.</summary>
public static class ErrorCodes
{
    /// <summary>A file of the plan does not parse.</summary>
    public static readonly ErrorCode CueSyntax = new("DAG1001", "CUE syntax error");

    /// <summary>Two values for one field do not unify.</summary>
    public static readonly ErrorCode CueConflict = new("DAG1002", "conflicting values");

    /// <summary>A value had to be concrete and is not.</summary>
    public static readonly ErrorCode CueIncomplete = new("DAG1003", "incomplete value");

    /// <summary>A value depends on itself.</summary>
    public static readonly ErrorCode CueCycle = new("DAG1004", "reference cycle");

    /// <summary>An imported package cannot be found.</summary>
    public static readonly ErrorCode CueImport = new("DAG1005", "import not found");

    /// <summary>The plan's folder holds no CUE package, or several.</summary>
    public static readonly ErrorCode CuePackage = new("DAG1006", "no CUE package");

    /// <summary>Any other error of the CUE evaluator.</summary>
    public static readonly ErrorCode CueEvaluation = new("DAG1099", "CUE evaluation error");

    /// <summary>An op's <c>do</c> names no known op.</summary>
    public static readonly ErrorCode UnknownOp = new("DAG2001", "unknown op");

    /// <summary>An op has a wrong, missing or unusable field.</summary>
    public static readonly ErrorCode InvalidOp = new("DAG2002", "invalid op");

    /// <summary>A task did not run because an input it needs was not given (a warning).</summary>
    public static readonly ErrorCode MissingInput = new("DAG2003", "task waits for a missing input");

    /// <summary>An input conflicts with the plan or does not parse.</summary>
    public static readonly ErrorCode InvalidInput = new("DAG2004", "input does not fit the plan");

    /// <summary>An input's file, folder, socket or variable cannot be read.</summary>
    public static readonly ErrorCode InputUnreadable = new("DAG2005", "input cannot be read");

    /// <summary>Pipelines load, copy or mount each other in a cycle.</summary>
    public static readonly ErrorCode PipelineCycle = new("DAG2006", "pipelines reference each other in a cycle");

    /// <summary>An exported value conflicts with the plan's type for it.</summary>
    public static readonly ErrorCode ExportMismatch = new("DAG2007", "exported value does not fit the plan");

    /// <summary>The plan's folder does not exist.</summary>
    public static readonly ErrorCode PlanNotFound = new("DAG2008", "plan folder not found");

    /// <summary>No engine answered.</summary>
    public static readonly ErrorCode EngineUnreachable = new("DAG3001", "engine unreachable");

    /// <summary>The engine lacks something the plan needs.</summary>
    public static readonly ErrorCode EngineCapability = new("DAG3002", "engine lacks a capability");

    /// <summary>The engine stopped answering during the run.</summary>
    public static readonly ErrorCode EngineLost = new("DAG3003", "engine connection lost");

    /// <summary>A command exited with a non-zero code.</summary>
    public static readonly ErrorCode ExecFailed = new("DAG4001", "command failed");

    /// <summary>An image, tag or digest does not exist, or its registry cannot be reached.</summary>
    public static readonly ErrorCode ImageNotFound = new("DAG4002", "image not found");

    /// <summary>An exported file is missing or does not parse in its format.</summary>
    public static readonly ErrorCode ExportUnreadable = new("DAG4003", "export unreadable");

    /// <summary>The run was cancelled.</summary>
    public static readonly ErrorCode Cancelled = new("DAG4004", "cancelled");

    /// <summary>A git or HTTP source could not be fetched.</summary>
    public static readonly ErrorCode SourceUnavailable = new("DAG4005", "source unavailable");

    /// <summary>The engine failed an op for another reason.</summary>
    public static readonly ErrorCode BuildFailed = new("DAG4006", "build failed");

    /// <summary>An image could not be pushed or saved.</summary>
    public static readonly ErrorCode PushFailed = new("DAG4007", "image push or save failed");

    /// <summary>The engine was too busy to finish a solve, which is run again in a new build (a warning).</summary>
    public static readonly ErrorCode SolveRetried = new("DAG4008", "solve retried in a new build");

    /// <summary>The command line is wrong.</summary>
    public static readonly ErrorCode Usage = new("DAG5001", "invalid command line");

    /// <summary>A file or folder of the project cannot be written.</summary>
    public static readonly ErrorCode WriteFailed = new("DAG6001", "cannot write the project's files");

    /// <summary>No dagger project (a folder with <c>.dagger/env</c>) holds the current folder.</summary>
    public static readonly ErrorCode ProjectNotFound = new("DAG6002", "no dagger project");

    /// <summary>The environment asked for does not exist, or none can be chosen without <c>-e</c>.</summary>
    public static readonly ErrorCode EnvironmentNotFound = new("DAG6003", "environment not found");

    /// <summary>An environment of that name exists already.</summary>
    public static readonly ErrorCode EnvironmentExists = new("DAG6004", "environment already exists");

    /// <summary>An environment's <c>values.yaml</c> does not parse or does not follow its schema.</summary>
    public static readonly ErrorCode ValuesInvalid = new("DAG6005", "invalid values.yaml");

    /// <summary>An environment's <c>state/computed.json</c> or a history record does not parse.</summary>
    public static readonly ErrorCode StateInvalid = new("DAG6006", "invalid state file");

    /// <summary>The age key is missing, unreadable, or does not open the environment's secrets.</summary>
    public static readonly ErrorCode SecretKey = new("DAG6007", "cannot decrypt the environment's secrets");

    /// <summary>Another run holds the environment's lock and <c>--no-wait</c> was given.</summary>
    public static readonly ErrorCode EnvironmentLocked = new("DAG6008", "environment locked by another run");

    /// <summary>Another run holds the environment's lock: this one waits for it (a warning).</summary>
    public static readonly ErrorCode WaitingForLock = new("DAG6009", "waiting for the environment's lock");

    /// <summary>Required inputs of the environment are not set, and <c>--force</c> was not given.</summary>
    public static readonly ErrorCode RequiredInputsMissing = new("DAG6010", "required inputs not set");

    /// <summary>No run of the environment's history has that id.</summary>
    public static readonly ErrorCode RunNotFound = new("DAG6011", "run not found in history");

    /// <summary>A bug in dagger.</summary>
    public static readonly ErrorCode Internal = new("DAG9001", "internal error");

    /// <summary>Every code, in code order.</summary>
    public static IReadOnlyList<ErrorCode> All { get; } =
    [
        CueSyntax, CueConflict, CueIncomplete, CueCycle, CueImport, CuePackage, CueEvaluation,
        UnknownOp, InvalidOp, MissingInput, InvalidInput, InputUnreadable, PipelineCycle, ExportMismatch, PlanNotFound,
        EngineUnreachable, EngineCapability, EngineLost,
        ExecFailed, ImageNotFound, ExportUnreadable, Cancelled, SourceUnavailable, BuildFailed, PushFailed, SolveRetried,
        Usage,
        WriteFailed, ProjectNotFound, EnvironmentNotFound, EnvironmentExists, ValuesInvalid, StateInvalid, SecretKey,
        EnvironmentLocked, WaitingForLock, RequiredInputsMissing, RunNotFound,
        Internal,
    ];
}
