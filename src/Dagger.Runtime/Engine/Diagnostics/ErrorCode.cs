namespace Dagger.Runtime.Engine.Diagnostics;

/// <summary>
/// A kind of error or warning, identified by its code (<c>DAG4001</c>): the code that the logs, the event stream, the
/// MSBuild task and the GitHub Action show. <c>docs/errors.md</c> explains each one.
/// </summary>
/// <param name="Id">The code, <c>DAG</c> and four digits. The first digit is the group: 1 CUE, 2 plan, 3 engine, 4 run,
/// 5 command line, 6 project and state, 9 internal.</param>
/// <param name="Title">What the code means, in a few words.</param>
public sealed record ErrorCode(string Id, string Title)
{
    /// <summary>The exit code of a run that fails with this code, unless the failure brings its own.</summary>
    public int ExitCode => Id[3] switch
    {
        '4' when Id == ErrorCodes.Cancelled.Id => ExitCodes.Cancelled,
        '5' => ExitCodes.Usage,
        '9' => ExitCodes.Internal,
        _ => ExitCodes.Failure,
    };

    /// <inheritdoc />
    public override string ToString() => Id;
}
