namespace Dagger.Action.Errors;

/// <summary>A failure the action explains to its user: a code from <see cref="ActionCodes"/> and a sentence.</summary>
internal sealed class ActionException(string code, string message) : Exception(message)
{
    /// <summary>The DAG71xx code.</summary>
    public string Code { get; } = code;
}
