namespace Dagger.Action.Inputs;

/// <summary>The dagger command the action runs (the <c>command</c> input).</summary>
internal enum DaggerCommand
{
    /// <summary><c>dagger up</c>: run the plan's pipelines and print its outputs.</summary>
    Up,

    /// <summary><c>dagger compute</c>: run them and print the whole plan as JSON.</summary>
    Compute,

    /// <summary><c>dagger query</c>: print a value of an environment.</summary>
    Query,
}
