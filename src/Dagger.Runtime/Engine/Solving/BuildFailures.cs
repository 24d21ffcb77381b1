using System.Globalization;
using System.Text.RegularExpressions;
using Dagger.Runtime.BuildKit;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Ops;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Runtime.Engine.Solving;

/// <summary>Turns the engine's build failures into errors of the plan's ops, with a code for what failed.</summary>
public static partial class BuildFailures
{
    /// <summary>The failure <paramref name="e"/> as an error of the op whose vertex failed, when the table knows it.</summary>
    public static RunFailedException Attribute(BuildFailedException e, VertexTable vertices)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(vertices);
        var message = e.Error?.Message ?? e.Message;
        var op = vertices.Find(e.Vertex?.Digest ?? e.Error?.VertexDigest);
        if (op is null)
        {
            var name = e.Vertex?.DisplayName;
            return new RunFailedException(CodeFor(null, e.ExitCode), null, name is null ? message : $"{name}: {message}", e.ExitCode, e);
        }

        // A vertex that the op did not name itself (a Dockerfile step, "[2/2] RUN make") reads after the op's kind.
        var description = e.Vertex?.DisplayName is { } shown
            ? op.Kind.Length == 0 || shown.StartsWith(op.Kind, StringComparison.Ordinal) ? shown : $"{op.Kind} {shown}"
            : op.Kind;
        return new RunFailedException(CodeFor(op, e.ExitCode), op, $"{description}: {WithoutCommand(message, e.ExitCode)}", e.ExitCode, e);
    }

    /// <summary>The code of a failure of <paramref name="op"/>: a command's exit, or what its kind of op fetches or makes.</summary>
    public static ErrorCode CodeFor(OpSource? op, int? exitCode) => op?.Kind switch
    {
        _ when exitCode is not null => ErrorCodes.ExecFailed,
        "fetch-container" => ErrorCodes.ImageNotFound,
        "fetch-git" or "fetch-http" => ErrorCodes.SourceUnavailable,
        "export" => ErrorCodes.ExportUnreadable,
        "push-container" or "save-image" => ErrorCodes.PushFailed,
        _ => ErrorCodes.BuildFailed,
    };

    // BuildKit repeats the command that the op's description already shows: "executor failed running [sh -c …]: exit
    // code: 3" reads "exited with code 3" after it.
    private static string WithoutCommand(string message, int? exitCode)
    {
        var match = ExecutorFailed().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var rest = match.Groups["rest"].Value;
        return exitCode is int code && rest == $"exit code: {code.ToString(CultureInfo.InvariantCulture)}"
            ? Message.Format(Messages.ExitedWithCode, code)
            : rest;
    }

    [GeneratedRegex(@"^executor failed running \[.*\]: (?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex ExecutorFailed();
}
