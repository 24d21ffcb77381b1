using System.Text;

using Dagger.Runtime.BuildKit;

using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

using Grpc.Core;

using RpcStatus = Dagger.Runtime.BuildKit.Protocol.Rpc.Status;

namespace Dagger.BuildKit.UnitTests;

[TestClass]
public sealed class BuildErrorParserTests
{
    [TestMethod]
    public void Nested_grpc_wrapping_is_removed()
    {
        var error = BuildErrorParser.Parse(
            "rpc error: code = Unknown desc = rpc error: code = Unknown desc = executor failed running [/bin/sh -c exit 3]: exit code: 3",
            null,
            StatusCode.Unknown);
        Assert.AreEqual("executor failed running [/bin/sh -c exit 3]: exit code: 3", error.Message);
        Assert.AreEqual(3, error.ExitCode);
    }

    [TestMethod]
    public void Messages_without_an_exit_code_have_none()
    {
        var error = BuildErrorParser.Parse("failed to compute cache key: \"/nope\" not found: not found", null, StatusCode.Unknown);
        Assert.IsNull(error.ExitCode);
        Assert.AreEqual("failed to compute cache key: \"/nope\" not found: not found", error.Message);
    }

    [TestMethod]
    public void The_vertex_digest_is_read_from_typed_details()
    {
        var status = new RpcStatus { Code = 2, Message = "boom" };
        status.Details.Add(new Any { TypeUrl = "github.com/moby/buildkit/errdefs.Source+json", Value = ByteString.CopyFromUtf8("{}") });
        status.Details.Add(new Any
        {
            TypeUrl = "github.com/moby/buildkit/errdefs.Vertex+json",
            Value = ByteString.CopyFromUtf8("{\"digest\":\"sha256:abc\"}"),
        });
        var trailers = new Metadata { { "grpc-status-details-bin", status.ToByteArray() } };
        var error = BuildErrorParser.Parse(new RpcException(new Status(StatusCode.Unknown, "rpc error: code = Unknown desc = boom: exit code: 12"), trailers));
        Assert.AreEqual("sha256:abc", error.VertexDigest);
        Assert.AreEqual(12, error.ExitCode);
        Assert.AreEqual("boom: exit code: 12", error.Message);
    }

    [TestMethod]
    public void Unreadable_details_name_no_vertex()
    {
        Assert.IsNull(BuildErrorParser.VertexFromDetails(Encoding.ASCII.GetBytes("\u00ff\u00ffnot a status")));
    }
}
