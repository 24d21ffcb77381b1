using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Dagger.TestRig;

namespace Dagger.Tool.UnitTests.Scripts;

/// <summary>
/// scripts/engine's own start path, with a stand-in dockerd: a fresh CI machine always takes it, a developer's
/// machine with a running engine never does.
/// </summary>
[TestClass]
public sealed class EngineScriptTests
{
    private const string FakeDockerd = """
        #!/usr/bin/env bash
        while [ $# -gt 0 ]; do
          case "$1" in
            --pidfile) pidfile=$2; shift ;;
            --host) host=$2; shift ;;
          esac
          shift
        done
        echo $$ > "$pidfile"
        printf '%s\n' "$host" > "$(dirname "$pidfile")/fake-started"
        exec sleep 120
        """;

    [TestMethod]
    [SupportedOSPlatform("linux")]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Starting_the_private_daemon_returns_its_address_at_once_and_leaves_it_running_from_the_root_folder()
    {
        if (Environment.UserName != "root")
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail("scripts/engine starts its daemon as root, and CI runs as root");
            }

            Assert.Inconclusive("scripts/engine starts its daemon as root (CI runs as root)");
        }

        var folder = Directory.CreateTempSubdirectory("dgeng");
        var bin = Directory.CreateDirectory(Path.Combine(folder.FullName, "bin")).FullName;
        var state = Path.Combine(folder.FullName, "s");
        var dockerd = Path.Combine(bin, "dockerd");
        ExecutableFile.Write(dockerd, FakeDockerd.ReplaceLineEndings("\n") + "\n");
        var socketPath = Path.Combine(state, "docker.sock");
        using var stop = new CancellationTokenSource();
        var pidFile = Path.Combine(state, "docker.pid");
        try
        {
            // The way scripts/test calls it: a command substitution, which ends only when every holder of the
            // script's stdout has closed it.
            var script = Path.Combine(RepoPaths.RepoRoot, "scripts", "engine");
            var command = HidingSystemDocker(["env", "-u", "DOCKER_HOST", "-u", "BUILDKIT_HOST", $"PATH={bin}:{Environment.GetEnvironmentVariable("PATH")}",
                $"DAGGER_ENGINE_STATE={state}", "bash", "-c", $"out=$(bash '{script}') && printf '%s' \"$out\""]);
            var run = ProcessRunner.RunAsync(command[0], command[1..], timeout: TimeSpan.FromSeconds(60));
            var responder = AnswerPingsAsync(Path.Combine(state, "fake-started"), socketPath, stop.Token);

            var result = await run;

            Assert.AreEqual(0, result.ExitCode, result.Stderr);
            Assert.AreEqual($"DOCKER_HOST=unix://{socketPath}", result.Stdout);
            var pid = (await File.ReadAllTextAsync(pidFile)).Trim();
            Assert.AreEqual("/", new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(false)?.FullName,
                "the daemon must not keep the caller's folder as its working directory");
            Assert.AreEqual(Path.Combine(state, "dockerd.log"), new FileInfo($"/proc/{pid}/fd/1").ResolveLinkTarget(false)?.FullName);
            await stop.CancelAsync();
            await responder;
        }
        finally
        {
            await stop.CancelAsync();
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            {
                try
                {
                    System.Diagnostics.Process.GetProcessById(pid).Kill();
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }

            folder.Delete(recursive: true);
        }
    }

    // A system Docker would win over the private daemon, so the script runs where its socket is masked: a private
    // mount namespace with /dev/null bound over it (not a socket, so the script's check moves on).
    private static string[] HidingSystemDocker(string[] command)
    {
        const string systemSocket = "/var/run/docker.sock";
        return File.Exists(systemSocket)
            ? ["unshare", "-m", "bash", "-c", $"mount --bind /dev/null {systemSocket} && exec \"$@\"", "hide", .. command]
            : command;
    }

    // Stands in for the daemon's API once the fake dockerd has started: every request gets Docker's ping reply.
    private static async Task AnswerPingsAsync(string startedMarker, string socketPath, CancellationToken cancellationToken)
    {
        while (!File.Exists(startedMarker))
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }

        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen();
        var reply = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK");
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using (client)
            {
                var buffer = new byte[4096];
                var request = new StringBuilder();
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await client.ReceiveAsync(buffer, cancellationToken);
                    if (read == 0)
                    {
                        break;
                    }

                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                await client.SendAsync(reply, cancellationToken);
            }
        }
    }
}
