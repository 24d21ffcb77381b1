namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>The control structures that take a pipeline, a body and an optional else body.</summary>
internal enum BranchKind
{
    If,
    Range,
    With,
}
