using System.Runtime.CompilerServices;
using System.Text;

using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// Runs a parsed template on Go data the way Go's text/template executes it: dot and variables, pipelines
/// whose interface{} results are unwrapped after each stage, Go's argument checks for functions, and errors
/// in Go's form ("template: :LINE:COL: executing "NAME" at &lt;NODE&gt;: message").
/// </summary>
internal sealed class Executor
{
    /// <summary>Go's limit on nested template invocations.</summary>
    private const int MaxDepth = 100000;

    private readonly string _text;
    private readonly Dictionary<string, ListNode> _trees;
    private readonly StringBuilder _out = new();
    private List<(string Name, GoValue Value)> _vars = [];
    private string _name = "";
    private Node? _node;
    private int _depth;

    private Executor(string text, Dictionary<string, ListNode> trees)
    {
        _text = text;
        _trees = trees;
    }

    /// <summary>Parses <paramref name="text"/> and executes it on <paramref name="data"/>.</summary>
    public static string Execute(string text, object? data)
    {
        var trees = Parser.Parse(text);
        var e = new Executor(text, trees);
        var dot = GoValue.Of(data);
        e._vars.Add(("$", dot));
        e.Walk(dot, trees[""]);
        return e._out.ToString();
    }

    private BuiltinException Error(string message)
    {
        if (_node is null)
        {
            return new BuiltinException($"template: {_name}: {message}");
        }

        var pos = Math.Min(_node.Pos, _text.Length);
        var lineStart = _text.LastIndexOf('\n', Math.Max(pos - 1, 0)) + 1;
        if (pos == 0)
        {
            lineStart = 0;
        }

        var line = 1 + _text.AsSpan(0, pos).Count('\n');
        var col = Lexer.ByteCount(_text, lineStart, pos);
        var context = _node.ToString();
        if (context.EnumerateRunes().Count() > 20)
        {
            context = string.Concat(context.EnumerateRunes().Take(20).Select(r => r.ToString())) + "...";
        }

        return new BuiltinException($"template: :{Lexer.Invariant(line)}:{Lexer.Invariant(col)}: executing {GoQuote.Quote(_name)} at <{context}>: {message}");
    }

    private void Guard()
    {
        // Deep recursion (a template invoking itself) must fail cleanly before the stack runs out.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error($"exceeded maximum template depth ({Lexer.Invariant(MaxDepth)})");
        }
    }

    private void Walk(GoValue dot, Node node)
    {
        Guard();
        _node = node;
        switch (node)
        {
            case ActionNode a:
                {
                    var val = EvalPipeline(dot, a.Pipe);
                    if (a.Pipe.Decl.Count == 0)
                    {
                        _node = a;
                        _out.Append(val.Valid ? GoFormat.Sprint([val.Value]) : "<no value>");
                    }

                    break;
                }

            case BranchNode { Kind: BranchKind.Range } r:
                WalkRange(dot, r);
                break;
            case BranchNode b:
                {
                    var mark = _vars.Count;
                    var val = EvalPipeline(dot, b.Pipe);
                    if (GoValues.IsTrue(val.Unboxed))
                    {
                        Walk(b.Kind == BranchKind.With ? val : dot, b.List);
                    }
                    else if (b.ElseList is not null)
                    {
                        Walk(dot, b.ElseList);
                    }

                    Pop(mark);
                    break;
                }

            case ListNode l:
                foreach (var n in l.Nodes)
                {
                    Walk(dot, n);
                }

                break;
            case TemplateCallNode t:
                WalkTemplate(dot, t);
                break;
            case TextNode t:
                _out.Append(t.Text);
                break;
        }
    }

    private void Pop(int mark) => _vars.RemoveRange(mark, _vars.Count - mark);

    private void SetTopVar(int n, GoValue value) => _vars[^n] = (_vars[^n].Name, value);

    private void WalkRange(GoValue dot, BranchNode r)
    {
        var outer = _vars.Count;
        var val = EvalPipeline(dot, r.Pipe).Unboxed;
        var mark = _vars.Count;

        void OneIteration(GoValue index, GoValue elem)
        {
            if (r.Pipe.Decl.Count > 0)
            {
                SetTopVar(1, elem);
            }

            if (r.Pipe.Decl.Count > 1)
            {
                SetTopVar(2, index);
            }

            Walk(elem, r.List);
            Pop(mark);
        }

        var ranged = false;
        switch (val.Value)
        {
            case GoList l when val.Valid:
                for (var i = 0; i < l.Items.Count; i++)
                {
                    OneIteration(GoValue.Of((long)i), GoValue.InInterface(l.Items[i]));
                    ranged = true;
                }

                break;
            case byte[] b when val.Valid:
                for (var i = 0; i < b.Length; i++)
                {
                    OneIteration(GoValue.Of((long)i), GoValue.Of(b[i]));
                    ranged = true;
                }

                break;
            case GoMap m when val.Valid:
                foreach (var e in m.Entries)
                {
                    OneIteration(GoValue.Of(e.Key), GoValue.InInterface(e.Value));
                    ranged = true;
                }

                break;
            case var _ when !val.Valid:
                break;
            default:
                throw Error($"range can't iterate over {GoFormat.Sprint([val.Value])}");
        }

        if (!ranged && r.ElseList is not null)
        {
            Walk(dot, r.ElseList);
        }

        Pop(outer);
    }

    private void WalkTemplate(GoValue dot, TemplateCallNode t)
    {
        _node = t;
        if (!_trees.TryGetValue(t.Name, out var tree))
        {
            throw Error($"template {GoQuote.Quote(t.Name)} not defined");
        }

        if (_depth == MaxDepth)
        {
            throw Error($"exceeded maximum template depth ({Lexer.Invariant(MaxDepth)})");
        }

        var newDot = EvalPipeline(dot, t.Pipe);
        var (savedName, savedVars) = (_name, _vars);
        _name = t.Name;
        _vars = [("$", newDot)];
        _depth++;
        Walk(newDot, tree);
        _depth--;
        (_name, _vars) = (savedName, savedVars);
    }

    private GoValue EvalPipeline(GoValue dot, PipeNode? pipe)
    {
        if (pipe is null)
        {
            return GoValue.Missing;
        }

        Guard();
        _node = pipe;
        GoValue? value = null;
        foreach (var cmd in pipe.Cmds)
        {
            // The previous stage's value becomes the last argument of this one; interface{} is unwrapped.
            value = EvalCommand(dot, cmd, value).Unboxed;
        }

        var result = value ?? GoValue.Missing;
        foreach (var v in pipe.Decl)
        {
            if (pipe.IsAssign)
            {
                SetVar(v.Ident[0], result);
            }
            else
            {
                _vars.Add((v.Ident[0], result));
            }
        }

        return result;
    }

    private void SetVar(string name, GoValue value)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                _vars[i] = (name, value);
                return;
            }
        }

        throw Error($"undefined variable: {name}");
    }

    private GoValue VarValue(string name)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                return _vars[i].Value;
            }
        }

        throw Error($"undefined variable: {name}");
    }

    private void NotAFunction(IReadOnlyList<Node>? args, GoValue? final)
    {
        if ((args?.Count ?? 0) > 1 || final is not null)
        {
            throw Error($"can't give argument to non-function {args![0]}");
        }
    }

    private GoValue EvalCommand(GoValue dot, CommandNode cmd, GoValue? final)
    {
        var first = cmd.Args[0];
        switch (first)
        {
            case FieldNode f:
                return EvalFieldNode(dot, f, cmd.Args, final);
            case ChainNode c:
                return EvalChainNode(dot, c, cmd.Args, final);
            case IdentifierNode id:
                _node = id;
                return EvalCall(dot, id.Name, cmd, cmd.Args.Skip(1).ToList(), final);
            case PipeNode p:
                NotAFunction(cmd.Args, final);
                return EvalPipeline(dot, p);
            case VariableNode v:
                return EvalVariableNode(dot, v, cmd.Args, final);
        }

        _node = first;
        NotAFunction(cmd.Args, final);
        return first switch
        {
            BoolNode b => GoValue.Of(b.Value),
            DotNode => dot,
            NilNode => throw Error("nil is not a command"),
            NumberNode n => IdealConstant(n),
            StringNode s => GoValue.Of(s.Text),
            _ => throw Error($"can't evaluate command {GoQuote.Quote(first.ToString())}"),
        };
    }

    private GoValue IdealConstant(NumberNode n)
    {
        _node = n;
        var text = n.Text;
        var isHexInt = text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'X' && text.IndexOfAny(['p', 'P']) < 0;
        if (n.IsComplex)
        {
            return GoValue.Of(n.Complex128);
        }

        if (n.IsFloat && !isHexInt && !text.StartsWith('\'') && text.IndexOfAny(['.', 'e', 'E', 'p', 'P']) >= 0)
        {
            return GoValue.Of(n.Float64);
        }

        if (n.IsInt)
        {
            return GoValue.Of(n.Int64);
        }

        if (n.IsUint)
        {
            throw Error($"{text} overflows int");
        }

        return GoValue.Missing;
    }

    private GoValue EvalFieldNode(GoValue dot, FieldNode field, IReadOnlyList<Node>? args, GoValue? final)
    {
        _node = field;
        return EvalFieldChain(dot, field, field.Ident, args, final);
    }

    private GoValue EvalChainNode(GoValue dot, ChainNode chain, IReadOnlyList<Node>? args, GoValue? final)
    {
        _node = chain;
        if (chain.Node is NilNode)
        {
            throw Error($"indirection through explicit nil in {chain}");
        }

        var pipe = EvalArg(dot, null, chain.Node);
        return EvalFieldChain(pipe, chain, chain.Field, args, final);
    }

    private GoValue EvalVariableNode(GoValue dot, VariableNode v, IReadOnlyList<Node>? args, GoValue? final)
    {
        _node = v;
        var value = VarValue(v.Ident[0]);
        if (v.Ident.Count == 1)
        {
            NotAFunction(args, final);
            return value;
        }

        return EvalFieldChain(value, v, v.Ident.Skip(1).ToList(), args, final);
    }

    private GoValue EvalFieldChain(GoValue receiver, Node node, IReadOnlyList<string> ident, IReadOnlyList<Node>? args, GoValue? final)
    {
        for (var i = 0; i < ident.Count - 1; i++)
        {
            receiver = EvalField(ident[i], null, null, receiver);
        }

        return EvalField(ident[^1], args, final, receiver);
    }

    private GoValue EvalField(string name, IReadOnlyList<Node>? args, GoValue? final, GoValue receiver)
    {
        if (!receiver.Valid)
        {
            return GoValue.Missing;
        }

        var typ = GoValues.StaticTypeName(receiver);
        if (receiver.IsNilInterface)
        {
            throw Error($"nil pointer evaluating {typ}.{name}");
        }

        if (receiver.Value is GoMap m)
        {
            if ((args?.Count ?? 0) > 1 || final is not null)
            {
                throw Error($"{name} is not a method but has arguments");
            }

            return m.TryGet(name, out var v) ? GoValue.InInterface(v) : GoValue.Missing;
        }

        throw Error($"can't evaluate field {name} in type {typ}");
    }

    private GoValue EvalCall(GoValue dot, string name, Node node, List<Node> args, GoValue? final)
    {
        var sig = Functions.SignatureOf(name);
        var numIn = args.Count + (final is null ? 0 : 1);
        var numFixed = sig.Variadic ? sig.Params.Length - 1 : sig.Params.Length;
        if (sig.Variadic)
        {
            if (numIn < numFixed)
            {
                throw Error($"wrong number of args for {name}: want at least {Lexer.Invariant(numFixed)} got {Lexer.Invariant(args.Count)}");
            }
        }
        else if (numIn != numFixed)
        {
            throw Error($"wrong number of args for {name}: want {Lexer.Invariant(numFixed)} got {Lexer.Invariant(numIn)}");
        }

        Functions.Param ParamAt(int i) => sig.Params[Math.Min(i, sig.Params.Length - 1)];

        var argv = new List<GoValue>();
        for (var i = 0; i < args.Count; i++)
        {
            argv.Add(EvalArg(dot, ParamAt(i), args[i]));
        }

        if (final is { } f)
        {
            argv.Add(ValidateType(f, ParamAt(numIn - 1)));
        }

        var (result, error) = Functions.Call(name, argv);
        if (error is not null)
        {
            _node = node;
            throw Error($"error calling {name}: {error}");
        }

        return result;
    }

    // Go's conversion of an evaluated argument to the parameter's type.
    private GoValue ValidateType(GoValue value, Functions.Param? param)
    {
        switch (param)
        {
            case null or Functions.Param.Value:
                return value;
            case Functions.Param.Interface:
                return value.Valid ? GoValue.Of(value.Value) : GoValue.InInterface(null);
        }

        if (!value.Valid)
        {
            throw Error("invalid value; expected string");
        }

        if (value.Value is string)
        {
            return GoValue.Of(value.Value);
        }

        throw Error($"wrong type for value; expected string; got {(value.IsNilInterface ? "interface {}" : GoValues.TypeName(value.Value))}");
    }

    private GoValue EvalArg(GoValue dot, Functions.Param? param, Node n)
    {
        _node = n;
        switch (n)
        {
            case DotNode:
                return ValidateType(dot, param);
            case NilNode:
                return param == Functions.Param.String ? throw Error("cannot assign nil to string") : GoValue.InInterface(null);
            case FieldNode f:
                return ValidateType(EvalFieldNode(dot, f, [n], null), param);
            case VariableNode v:
                return ValidateType(EvalVariableNode(dot, v, null, null), param);
            case PipeNode p:
                return ValidateType(EvalPipeline(dot, p), param);
            case IdentifierNode id:
                return ValidateType(EvalCall(dot, id.Name, id, [], null), param);
            case ChainNode c:
                return ValidateType(EvalChainNode(dot, c, null, null), param);
        }

        if (param == Functions.Param.String)
        {
            return n is StringNode s ? GoValue.Of(s.Text) : throw Error($"expected string; found {n}");
        }

        return n switch
        {
            BoolNode b => GoValue.Of(b.Value),
            NumberNode num => IdealConstant(num),
            StringNode s => GoValue.Of(s.Text),
            _ => throw Error($"can't handle {n} for arg"),
        };
    }
}
