using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

using Grpc.Core;

using RpcStatus = Dagger.Runtime.BuildKit.Protocol.Rpc.Status;

namespace Dagger.Runtime.BuildKit;

/// <summary>
/// Reads BuildKit's errors: the message (without gRPC's "rpc error: code = … desc = " wrapping), the failed vertex
/// from the typed details in <c>grpc-status-details-bin</c>, and an exec's exit code from the message.
/// </summary>
internal static partial class BuildErrorParser
{
    private const string DetailsTrailer = "grpc-status-details-bin";
    private const string VertexDetailType = "errdefs.Vertex+json";

    /// <summary>Parses the error of a failed call.</summary>
    internal static BuildError Parse(RpcException exception)
    {
        string? digest = null;
        var detailsBytes = exception.Trailers.GetValueBytes(DetailsTrailer);
        if (detailsBytes is not null)
        {
            digest = VertexFromDetails(detailsBytes);
        }

        return Parse(exception.Status.Detail, digest, exception.StatusCode);
    }

    /// <summary>Parses an error message, such as a vertex's error in the status stream.</summary>
    internal static BuildError Parse(string message, string? vertexDigest, StatusCode code)
    {
        var clean = Clean(message);
        return new BuildError(clean, vertexDigest, ExitCodeOf(clean), code);
    }

    /// <summary>Removes gRPC's wrapping, which nested calls repeat.</summary>
    internal static string Clean(string message)
    {
        var clean = RpcWrapping().Replace(message, string.Empty).Trim();
        return clean.Length == 0 ? message.Trim() : clean;
    }

    /// <summary>The exit code in "exit code: N", the form every v0.8 executor uses.</summary>
    internal static int? ExitCodeOf(string message)
    {
        var match = ExitCodeText().Match(message);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? code
            : null;
    }

    /// <summary>The digest of the first vertex named in serialized <c>google.rpc.Status</c> details.</summary>
    internal static string? VertexFromDetails(byte[] statusBytes)
    {
        RpcStatus status;
        try
        {
            status = RpcStatus.Parser.ParseFrom(statusBytes);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return null;
        }

        foreach (var detail in status.Details)
        {
            if (!detail.TypeUrl.EndsWith(VertexDetailType, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(detail.Value.Memory);
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("digest", out var value)
                    && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }
            catch (JsonException)
            {
                // A detail we cannot read names nothing; the message still stands.
            }
        }

        return null;
    }

    [GeneratedRegex(@"rpc error: code = \w+ desc = ")]
    private static partial Regex RpcWrapping();

    [GeneratedRegex(@"exit code: (\d+)")]
    private static partial Regex ExitCodeText();
}
