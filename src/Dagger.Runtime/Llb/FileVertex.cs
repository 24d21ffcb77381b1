namespace Dagger.Runtime.Llb;

/// <summary>
/// A file op: a chain of actions, each working on the result of the previous one. Action inputs below the op's input
/// count are op inputs; at or above it they name the result of an earlier action, as BuildKit expects.
/// </summary>
internal sealed class FileVertex(State state, FileAction action, OpOptions options)
    : Vertex(options with { Platform = options.Platform?.Normalize() })
{
    private readonly BoundFileAction _last = BoundFileAction.Bind(action, state);

    public override Pb.Op Build(MarshalContext context, ISet<string> caps)
    {
        caps.Add(Caps.FileBase);
        var file = new Pb.FileOp();
        var op = new Pb.Op { File = file };
        context.Constrain(op, Options, _last.State.Metadata.Platform, withPlatform: true);

        var planner = new Planner(context, op.Inputs);
        planner.Add(_last);
        int inputCount = op.Inputs.Count;
        for (int i = 0; i < planner.Actions.Count; i++)
        {
            Planned p = planner.Actions[i];
            var pa = new Pb.FileAction
            {
                Input = p.InputAction is { } prev ? inputCount + prev.Target : p.Input,
                SecondaryInput = p.SecondaryAction is { } second ? inputCount + second.Target : p.SecondaryInput,
                Output = i == planner.Actions.Count - 1 ? 0 : -1,
            };
            p.Node.Spec.SetAction(pa, p.Node.State.Dir, p.Base);
            file.Actions.Add(pa);
        }

        return op;
    }

    protected override string Kind => "file";

    public override IEnumerable<Output> Inputs
    {
        get
        {
            var visited = new HashSet<BoundFileAction>(ReferenceEqualityComparer.Instance);
            var outputs = new List<Output>();
            var pending = new Stack<BoundFileAction>();
            pending.Push(_last);
            while (pending.Count > 0)
            {
                BoundFileAction node = pending.Pop();
                if (!visited.Add(node))
                {
                    continue;
                }

                if (node.State.Output is { } output)
                {
                    outputs.Add(output);
                }

                if (node.Spec is CopySpec copy)
                {
                    if (copy.SourceState?.Output is { } source)
                    {
                        outputs.Add(source);
                    }
                    else if (copy.SourceActions is { } chain)
                    {
                        pending.Push(chain.Bound);
                    }
                }

                if (node.Previous is { } previous)
                {
                    pending.Push(previous);
                }
            }

            return outputs;
        }
    }

    public override string Describe()
    {
        var parts = new List<string>();
        for (BoundFileAction? a = _last; a is not null; a = a.Previous)
        {
            parts.Add(a.Spec.Describe());
        }

        parts.Reverse();
        return string.Join("; ", parts);
    }

    private sealed class Planned(BoundFileAction node, int target)
    {
        public BoundFileAction Node { get; } = node;

        public int Target { get; } = target;

        public long Base { get; set; } = -1;

        public long Input { get; set; } = -1;

        public Planned? InputAction { get; set; }

        public long SecondaryInput { get; set; } = -1;

        public Planned? SecondaryAction { get; set; }
    }

    /// <summary>Orders the actions (earlier ones and copy sources first) and collects the distinct op inputs.</summary>
    private sealed class Planner(MarshalContext context, IList<Pb.Input> inputs)
    {
        private readonly Dictionary<BoundFileAction, Planned> _visited = new(ReferenceEqualityComparer.Instance);

        public List<Planned> Actions { get; } = [];

        public Planned Add(BoundFileAction node)
        {
            if (_visited.TryGetValue(node, out Planned? known))
            {
                return known;
            }

            Planned? previous = node.Previous is null ? null : Add(node.Previous);
            long baseInput = node.State.Output is { } output ? InputIndex(output) : -1;
            long input = -1;
            Planned? inputAction = null;
            if (previous is null)
            {
                input = baseInput;
            }
            else
            {
                inputAction = previous;
            }

            long secondary = -1;
            Planned? secondaryAction = null;
            if (node.Spec is CopySpec copy)
            {
                if (copy.SourceState is { } source)
                {
                    if (source.Output is { } sourceOutput)
                    {
                        secondary = InputIndex(sourceOutput);
                    }
                }
                else
                {
                    secondaryAction = Add(copy.SourceActions!.Bound);
                }
            }

            var planned = new Planned(node, Actions.Count)
            {
                Base = baseInput,
                Input = input,
                InputAction = inputAction,
                SecondaryInput = secondary,
                SecondaryAction = secondaryAction,
            };
            _visited[node] = planned;
            Actions.Add(planned);
            return planned;
        }

        private int InputIndex(Output output)
        {
            Pb.Input edge = context.InputOf(output);
            for (int i = 0; i < inputs.Count; i++)
            {
                if (inputs[i].Digest == edge.Digest && inputs[i].Index == edge.Index)
                {
                    return i;
                }
            }

            inputs.Add(edge);
            return inputs.Count - 1;
        }
    }
}
