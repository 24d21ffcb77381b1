namespace Dagger.Runtime.Llb;

/// <summary>One action of a chain together with the state the chain applies to. Identity matters: one node, one action.</summary>
internal sealed class BoundFileAction(FileActionSpec spec, State state, BoundFileAction? previous)
{
    public FileActionSpec Spec { get; } = spec;

    public State State { get; } = state;

    public BoundFileAction? Previous { get; } = previous;

    public static BoundFileAction Bind(FileAction action, State state)
    {
        var chain = new List<FileAction>();
        for (FileAction? a = action; a is not null; a = a.Previous)
        {
            chain.Add(a);
        }

        BoundFileAction? bound = null;
        for (int i = chain.Count - 1; i >= 0; i--)
        {
            bound = new BoundFileAction(chain[i].Spec, state, bound);
        }

        return bound!;
    }
}
