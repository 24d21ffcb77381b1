namespace Dagger.MSBuild;

/// <summary>
/// The codes of the problems the task itself finds, beside the tool's <c>DAGnnnn</c> (docs/errors.md, DAG70xx).
/// </summary>
internal static class ErrorCodes
{
    /// <summary>The dagger tool was not found where <c>DaggerToolPath</c> points.</summary>
    public const string ToolNotFound = "DAG7001";

    /// <summary>No .NET host (<c>dotnet</c>) to run the tool with.</summary>
    public const string HostNotFound = "DAG7002";

    /// <summary>The tool failed without reporting an error event.</summary>
    public const string ToolFailed = "DAG7003";

    /// <summary>The tool writes an event schema version this task does not read.</summary>
    public const string UnknownSchema = "DAG7004";

    /// <summary>A <c>DaggerPlan</c> or <c>DaggerInput</c> item is invalid.</summary>
    public const string InvalidItem = "DAG7005";

    /// <summary>A <c>Dagger*</c> property has a value it cannot have.</summary>
    public const string InvalidProperty = "DAG7006";
}
