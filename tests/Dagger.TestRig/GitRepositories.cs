namespace Dagger.TestRig;

/// <summary>
/// Fixture git repositories, created with the git CLI under one folder: <c>hello.git</c> (public: branches, tags, a
/// sub-directory) and <c>private.git</c> (served only over HTTP with authentication).
/// </summary>
public sealed class GitRepositories
{
    /// <summary>The public repository's name.</summary>
    public const string Hello = "hello.git";

    /// <summary>The repository that needs authentication.</summary>
    public const string Private = "private.git";

    /// <summary><c>README</c> on the default branch <c>main</c>.</summary>
    public const string MainReadme = "hello from main\n";

    /// <summary><c>README</c> at tag <c>v1.0</c> (annotated) and <c>v1.0-light</c> (lightweight).</summary>
    public const string TagReadme = "hello from v1.0\n";

    /// <summary><c>README</c> on branch <c>feature</c>.</summary>
    public const string FeatureReadme = "hello from feature\n";

    /// <summary><c>sub/dir/file.txt</c>, the same on every ref.</summary>
    public const string SubdirFile = "a file in a sub-directory\n";

    /// <summary><c>SECRET.txt</c> in the private repository.</summary>
    public const string PrivateFile = "private content\n";

    private GitRepositories(string root, string tagCommit)
    {
        Root = root;
        TagCommit = tagCommit;
    }

    /// <summary>The folder holding the bare repositories.</summary>
    public string Root { get; }

    /// <summary>The full commit id that tag <c>v1.0</c> points to.</summary>
    public string TagCommit { get; }

    /// <summary>Creates the repositories under <paramref name="root"/>.</summary>
    public static async Task<GitRepositories> CreateAsync(string root, CancellationToken cancellationToken)
    {
        var work = Path.Combine(root, "work-hello");
        Directory.CreateDirectory(work);
        async Task<string> Git(string dir, params string[] args) =>
            (await ProcessRunner.RunAsync("git", args, dir, GitEnvironment, cancellationToken: cancellationToken)).EnsureSuccess("git " + string.Join(' ', args)).Stdout.Trim();

        await Git(work, "init", "-q", "-b", "main");
        Directory.CreateDirectory(Path.Combine(work, "sub", "dir"));
        await File.WriteAllTextAsync(Path.Combine(work, "sub", "dir", "file.txt"), SubdirFile, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(work, "README"), TagReadme, cancellationToken);
        await Git(work, "add", "-A");
        await Git(work, "commit", "-q", "-m", "v1.0");
        await Git(work, "tag", "-a", "v1.0", "-m", "release 1.0");
        await Git(work, "tag", "v1.0-light");
        var tagCommit = await Git(work, "rev-parse", "HEAD");
        await Git(work, "checkout", "-q", "-b", "feature");
        await File.WriteAllTextAsync(Path.Combine(work, "README"), FeatureReadme, cancellationToken);
        await Git(work, "commit", "-q", "-am", "feature");
        await Git(work, "checkout", "-q", "main");
        await File.WriteAllTextAsync(Path.Combine(work, "README"), MainReadme, cancellationToken);
        await Git(work, "commit", "-q", "-am", "main moves on");
        await Git(root, "clone", "-q", "--bare", work, Hello);
        await Git(Path.Combine(root, Hello), "update-server-info");

        var privateWork = Path.Combine(root, "work-private");
        Directory.CreateDirectory(privateWork);
        await Git(privateWork, "init", "-q", "-b", "main");
        await File.WriteAllTextAsync(Path.Combine(privateWork, "SECRET.txt"), PrivateFile, cancellationToken);
        await Git(privateWork, "add", "-A");
        await Git(privateWork, "commit", "-q", "-m", "private");
        await Git(root, "clone", "-q", "--bare", privateWork, Private);
        return new GitRepositories(root, tagCommit);
    }

    /// <summary>A fixed identity and no user or system configuration, so fixtures never depend on the machine.</summary>
    internal static readonly IReadOnlyDictionary<string, string?> GitEnvironment = new Dictionary<string, string?>
    {
        ["GIT_AUTHOR_NAME"] = "Dagger Test",
        ["GIT_AUTHOR_EMAIL"] = "test@dagger.invalid",
        ["GIT_COMMITTER_NAME"] = "Dagger Test",
        ["GIT_COMMITTER_EMAIL"] = "test@dagger.invalid",
        ["GIT_AUTHOR_DATE"] = "2021-01-01T00:00:00Z",
        ["GIT_COMMITTER_DATE"] = "2021-01-01T00:00:00Z",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
    };
}
