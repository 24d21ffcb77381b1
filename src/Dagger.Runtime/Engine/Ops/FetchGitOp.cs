namespace Dagger.Runtime.Engine.Ops;

/// <summary><c>fetch-git</c>: replaces the state with a checkout.</summary>
/// <param name="Source">Where the op comes from.</param>
/// <param name="Remote">The repository URL.</param>
/// <param name="Ref">A branch, tag or commit.</param>
/// <param name="KeepGitDir">Whether the checkout keeps its <c>.git</c> directory.</param>
/// <param name="AuthTokenSecret">The id of the secret holding a token, if any.</param>
/// <param name="AuthHeaderSecret">The id of the secret holding an Authorization header, if any.</param>
public sealed record FetchGitOp(
    OpSource Source,
    string Remote,
    string Ref,
    bool KeepGitDir = false,
    string? AuthTokenSecret = null,
    string? AuthHeaderSecret = null) : PipelineOp(Source)
{
    /// <inheritdoc />
    public override string Kind => "fetch-git";
}
