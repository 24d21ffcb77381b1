using System.Text;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Llb;

namespace Dagger.Engine.UnitTests.Compilation;

/// <summary>Records what the compiler asks of the engine and answers with fixed results.</summary>
internal sealed class FakeImageServices : IImageServices
{
    public const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    public const string ImageId = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    /// <summary>The graph the fake frontend returns: an image and one RUN step, named as the frontend names them.</summary>
    public static State FrontendGraph { get; } = State.Image("dagger-test/busybox", new ImageOptions { Op = new OpOptions { CustomName = "[1/2] FROM dagger-test/busybox" } })
        .Run(new ExecOptions { Args = ["/bin/sh", "-c", "echo built > /built"], Op = new OpOptions { CustomName = "[2/2] RUN echo built > /built" } }).Root;

    public string BuiltConfig { get; init; } = """{"config":{"Env":["PATH=/bin","CHECK=foobar"],"WorkingDir":"/srv"}}""";

    public List<DockerfileBuild> Builds { get; } = [];

    public List<(State State, string? Config, string Reference)> Pushes { get; } = [];

    public List<(State State, string? Config, string Tag)> Saves { get; } = [];

    public List<string> Logins { get; } = [];

    /// <summary>Called as a push, save or login is performed, before it is recorded.</summary>
    public Action? Acting { get; init; }

    public Task<BuiltImage> BuildAsync(DockerfileBuild request, CancellationToken cancellationToken)
    {
        Builds.Add(request);
        return Task.FromResult(new BuiltImage(State.FromDefinition(FrontendGraph.Marshal()), Encoding.UTF8.GetBytes(BuiltConfig)));
    }

    public Task<PushedImage> PushAsync(State state, ReadOnlyMemory<byte>? imageConfig, string reference, CancellationToken cancellationToken)
    {
        Acting?.Invoke();
        Pushes.Add((state, imageConfig is { } c ? Encoding.UTF8.GetString(c.Span) : null, reference));
        return Task.FromResult(new PushedImage(reference, Digest));
    }

    public Task<SavedImage> SaveAsync(State state, ReadOnlyMemory<byte>? imageConfig, string tag, CancellationToken cancellationToken)
    {
        Acting?.Invoke();
        Saves.Add((state, imageConfig is { } c ? Encoding.UTF8.GetString(c.Span) : null, tag));
        return Task.FromResult(new SavedImage(State.Local("/tmp/archives/1", new LocalOptions { SessionId = "s" }), "/image.tar", ImageId));
    }

    public Task LoginAsync(string target, string username, string? secretId, string? password, CancellationToken cancellationToken)
    {
        Acting?.Invoke();
        Logins.Add($"{target} {username} {secretId ?? "(no secret)"} {(password is null ? "(no password)" : "(password)")}");
        return Task.CompletedTask;
    }
}
