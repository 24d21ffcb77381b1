using System.Net.Sockets;
using System.Text;
using Dagger.Runtime.Engine.Plans;
using Dagger.Runtime.Engine.Runs;
using Dagger.TestRig;

namespace Dagger.Engine.IntegrationTests.Plans;

/// <summary>
/// Contract §5.2 #61 (stream): a local socket given as a <c>dagger.#Stream</c> input is forwarded into the exec that
/// mounts it. The original ran <c>docker info</c> through the Docker socket; busybox has no unix socket client, but
/// its <c>logger</c> (glibc's syslog) writes to <c>/dev/log</c> over a stream socket, which is enough to see bytes
/// travel from the container to a socket served by the test. logger does not wait for an answer, so the exec stays
/// up a moment: the engine drops a forwarded connection when the exec ends.
/// </summary>
[TestClass]
public sealed class StreamTests
{
    private const string Plan = """
        package main

        import "alpha.dagger.io/dagger"

        logs: dagger.#Stream
        TestStream: {
        	string
        	#up: [
        		{do: "fetch-container", ref: "dagger-test/busybox"},
        		{
        			do: "exec"
        			args: ["sh", "-c", "[ -S /dev/log ] && logger -t dagger-stream hello-through-the-stream && sleep 2 && printf ok > /tmp/out"]
        			mount: "/dev/log": stream: logs
        			always: true
        		},
        		{do: "export", source: "/tmp/out"},
        	]
        }
        """;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_socket_input_is_forwarded_into_the_exec()
    {
        var ct = TestContext.CancellationToken;
        var dir = await PlanFolder.CreateAsync("dagger-stream-", Plan, ct);
        var socketPath = Path.Combine(dir, "log.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen();
        var received = Task.Run(
            async () =>
            {
                using var connection = await listener.AcceptAsync(ct);
                var text = new StringBuilder();
                var buffer = new byte[4096];
                int read;
                while (!text.ToString().Contains("hello-through-the-stream", StringComparison.Ordinal)
                    && (read = await connection.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0)
                {
                    text.Append(Encoding.UTF8.GetString(buffer, 0, read));
                }

                return text.ToString();
            },
            ct);

        var (result, _) = await EngineRun.RunAsync(new RunRequest { PlanDirectory = dir, Inputs = [new SocketInput("logs", socketPath)], WithComputedJson = true }, ct);

        StringAssert.Contains(EngineRun.Succeeded(result).ComputedJson, "\"TestStream\":\"ok\"");
        var line = await received.WaitAsync(TimeSpan.FromSeconds(30), ct);
        StringAssert.Contains(line, "dagger-stream");
        StringAssert.Contains(line, "hello-through-the-stream");
    }

    [TestMethod]
    public async Task A_missing_socket_is_an_input_error()
    {
        var dir = await PlanFolder.CreateAsync("dagger-stream-", Plan, TestContext.CancellationToken);
        var (result, _) = await EngineRun.RunAsync(
            new RunRequest { PlanDirectory = dir, Inputs = [new SocketInput("logs", Path.Combine(dir, "nope.sock"))] },
            TestContext.CancellationToken);
        Assert.AreEqual(ErrorCodes.InputUnreadable, result.Error?.Code);
        StringAssert.Contains(result.Error?.Message, "input logs: socket");
        StringAssert.Contains(result.Error?.Message, "nope.sock doesn't exist");
    }
}
