namespace Dagger.Runtime.Llb;

/// <summary>Options of <see cref="FileAction.Rm"/>.</summary>
public sealed record RmOptions
{
    /// <summary>Succeed when the path does not exist.</summary>
    public bool AllowNotFound { get; init; }

    /// <summary>Treat the path as a glob pattern.</summary>
    public bool AllowWildcard { get; init; }
}
