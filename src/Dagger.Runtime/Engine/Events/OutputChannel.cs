namespace Dagger.Runtime.Engine.Events;

/// <summary>The stream a line of an op's output was written to.</summary>
public enum OutputChannel
{
    /// <summary>Standard output.</summary>
    Stdout,

    /// <summary>Standard error.</summary>
    Stderr,
}
