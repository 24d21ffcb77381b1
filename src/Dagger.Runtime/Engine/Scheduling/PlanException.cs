namespace Dagger.Runtime.Engine.Scheduling;

/// <summary>The plan rejected something: a value that conflicts with its constraints, a task that cannot be read.</summary>
public sealed class PlanException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlanException()
    {
    }

    /// <summary>Creates the exception with a message for the user.</summary>
    public PlanException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and its cause.</summary>
    public PlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
