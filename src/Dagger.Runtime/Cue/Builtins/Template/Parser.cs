using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Builtins.Template;

/// <summary>
/// Parses a template into its main tree and the templates it defines, with the grammar, scoping rules and
/// error messages of Go's text/template parser ("template: :LINE: message").
/// </summary>
internal sealed class Parser
{
    private readonly string _text;
    private readonly List<Item> _items;
    private readonly Dictionary<string, ListNode> _trees;
    private readonly List<string> _vars = ["$"];
    private int _index;
    private int _furthest;

    private Parser(string text, List<Item> items, Dictionary<string, ListNode> trees)
    {
        _text = text;
        _items = items;
        _trees = trees;
    }

    /// <summary>The templates of <paramref name="text"/> by name; the main one is named "".</summary>
    public static Dictionary<string, ListNode> Parse(string text)
    {
        var trees = new Dictionary<string, ListNode>(StringComparer.Ordinal);
        var p = new Parser(text, Lexer.Lex(text), trees);
        var root = p.ParseRoot();
        p.Add("", root);
        return trees;
    }

    private BuiltinException Error(string message)
    {
        var line = _items[Math.Min(_furthest, _items.Count - 1)].Line;
        return new BuiltinException($"template: :{Lexer.Invariant(line)}: {message}");
    }

    private BuiltinException Unexpected(Item item, string context) => Error($"unexpected {item} in {context}");

    private Item Next()
    {
        var item = _items[Math.Min(_index, _items.Count - 1)];
        _index++;
        _furthest = Math.Max(_furthest, Math.Min(_index - 1, _items.Count - 1));
        return item;
    }

    private void Backup(int n = 1) => _index -= n;

    private Item Peek()
    {
        var item = Next();
        Backup();
        return item;
    }

    private Item NextNonSpace()
    {
        var item = Next();
        while (item.Kind == ItemKind.Space)
        {
            item = Next();
        }

        return item;
    }

    private Item PeekNonSpace()
    {
        var start = _index;
        var item = NextNonSpace();
        _index = start;
        return item;
    }

    private Item Expect(ItemKind kind, string context)
    {
        var item = NextNonSpace();
        return item.Kind == kind ? item : throw Unexpected(item, context);
    }

    private void Guard()
    {
        // Deeply nested parentheses or blocks would otherwise overflow the stack.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error("template is nested too deeply");
        }
    }

    private static bool IsEmptyTree(Node n) => n switch
    {
        ListNode l => l.Nodes.All(IsEmptyTree),
        TextNode t => t.Text.Trim(' ', '\t', '\n', '\r', '\v', '\f', '\u0085', '\u00a0').Length == 0,
        _ => false,
    };

    // A later empty definition keeps the earlier one; two non-empty ones are an error, as in Go.
    private void Add(string name, ListNode root)
    {
        if (_trees.TryGetValue(name, out var old) && !IsEmptyTree(old))
        {
            if (!IsEmptyTree(root))
            {
                throw Error($"template: multiple definition of template {GoQuote.Quote(name)}");
            }

            return;
        }

        _trees[name] = root;
    }

    private ListNode ParseRoot()
    {
        var nodes = new List<Node>();
        var pos = Peek().Pos;
        while (Peek().Kind != ItemKind.Eof)
        {
            if (Peek().Kind == ItemKind.LeftDelim)
            {
                var mark = _index;
                Next();
                if (NextNonSpace().Kind == ItemKind.Define)
                {
                    ParseDefinition();
                    continue;
                }

                _index = mark;
            }

            var n = TextOrAction();
            if (n is EndNode or ElseNode)
            {
                throw Error($"unexpected {n}");
            }

            nodes.Add(n);
        }

        return new ListNode(pos, nodes);
    }

    private void ParseDefinition()
    {
        const string context = "define clause";
        var name = NextNonSpace();
        if (name.Kind is not (ItemKind.String or ItemKind.RawString))
        {
            throw Unexpected(name, context);
        }

        var text = GoQuote.Unquote(name.Val) ?? throw Error("invalid syntax");
        Expect(ItemKind.RightDelim, context);
        DefineBody(text, context);
    }

    // A body up to {{end}} becomes the template of that name; inside it only $ is in scope.
    private void DefineBody(string name, string context)
    {
        var saved = _vars.ToList();
        _vars.Clear();
        _vars.Add("$");
        var (list, end) = ItemList();
        if (end is not EndNode)
        {
            throw Error($"unexpected {end} in {context}");
        }

        _vars.Clear();
        _vars.AddRange(saved);
        Add(name, list);
    }

    private (ListNode List, Node End) ItemList()
    {
        Guard();
        var nodes = new List<Node>();
        var pos = PeekNonSpace().Pos;
        while (PeekNonSpace().Kind != ItemKind.Eof)
        {
            var n = TextOrAction();
            if (n is EndNode or ElseNode)
            {
                return (new ListNode(pos, nodes), n);
            }

            nodes.Add(n);
        }

        throw Error("unexpected EOF");
    }

    private Node TextOrAction()
    {
        var item = NextNonSpace();
        return item.Kind switch
        {
            ItemKind.Text => new TextNode(item.Pos, item.Val),
            ItemKind.LeftDelim => Action(),
            _ => throw Unexpected(item, "input"),
        };
    }

    private Node Action()
    {
        var item = NextNonSpace();
        switch (item.Kind)
        {
            case ItemKind.Block: return BlockControl();
            case ItemKind.Else: return ElseControl();
            case ItemKind.End: return new EndNode(Expect(ItemKind.RightDelim, "end").Pos);
            case ItemKind.If: return Control(BranchKind.If, "if");
            case ItemKind.Range: return Control(BranchKind.Range, "range");
            case ItemKind.Template: return TemplateControl();
            case ItemKind.With: return Control(BranchKind.With, "with");
        }

        Backup();
        return new ActionNode(Peek().Pos, Pipeline("command"));
    }

    private ElseNode ElseControl()
    {
        // "else if" leaves the "if" for the enclosing if to take.
        var peek = PeekNonSpace();
        if (peek.Kind == ItemKind.If)
        {
            return new ElseNode(peek.Pos);
        }

        return new ElseNode(Expect(ItemKind.RightDelim, "else").Pos);
    }

    private BranchNode Control(BranchKind kind, string context)
    {
        var vars = _vars.Count;
        var pipe = Pipeline(context);
        var (list, next) = ItemList();
        ListNode? elseList = null;
        if (next is ElseNode)
        {
            if (kind == BranchKind.If && PeekNonSpace().Kind == ItemKind.If)
            {
                // {{if a}}x{{else if b}}y{{end}} is {{if a}}x{{else}}{{if b}}y{{end}}{{end}}, with one end.
                NextNonSpace();
                elseList = new ListNode(next.Pos, [Control(BranchKind.If, "if")]);
            }
            else
            {
                (elseList, next) = ItemList();
                if (next is not EndNode)
                {
                    throw Error($"expected end; found {next}");
                }
            }
        }

        _vars.RemoveRange(vars, _vars.Count - vars);
        return new BranchNode(pipe.Pos, kind, pipe, list, elseList);
    }

    private string TemplateName(Item item, string context)
    {
        if (item.Kind is not (ItemKind.String or ItemKind.RawString))
        {
            throw Unexpected(item, context);
        }

        return GoQuote.Unquote(item.Val) ?? throw Error("invalid syntax");
    }

    private TemplateCallNode TemplateControl()
    {
        const string context = "template clause";
        var item = NextNonSpace();
        var name = TemplateName(item, context);
        PipeNode? pipe = null;
        if (NextNonSpace().Kind != ItemKind.RightDelim)
        {
            Backup();
            pipe = Pipeline(context);
        }

        return new TemplateCallNode(item.Pos, name, pipe);
    }

    private TemplateCallNode BlockControl()
    {
        const string context = "block clause";
        var item = NextNonSpace();
        var name = TemplateName(item, context);
        var pipe = Pipeline(context);
        DefineBody(name, context);
        return new TemplateCallNode(item.Pos, name, pipe);
    }

    private PipeNode Pipeline(string context)
    {
        Guard();
        var pos = PeekNonSpace().Pos;
        var decl = new List<VariableNode>();
        var isAssign = false;
        while (PeekNonSpace() is { Kind: ItemKind.Variable })
        {
            var v = NextNonSpace();
            var afterVariable = Peek();
            var next = PeekNonSpace();
            if (next.Kind is ItemKind.Assign or ItemKind.Declare)
            {
                isAssign = next.Kind == ItemKind.Assign;
                NextNonSpace();
                decl.Add(new VariableNode(v.Pos, [v.Val]));
                _vars.Add(v.Val);
                break;
            }

            if (next.Kind == ItemKind.Char && next.Val == ",")
            {
                NextNonSpace();
                decl.Add(new VariableNode(v.Pos, [v.Val]));
                _vars.Add(v.Val);
                if (context == "range" && decl.Count < 2)
                {
                    if (PeekNonSpace().Kind is ItemKind.Variable or ItemKind.RightDelim or ItemKind.RightParen)
                    {
                        continue;
                    }

                    throw Error("range can only initialize variables");
                }

                throw Error($"too many declarations in {context}");
            }

            // Not a declaration: the variable starts a command.
            Backup(afterVariable.Kind == ItemKind.Space ? 2 : 1);
            break;
        }

        var cmds = new List<CommandNode>();
        while (true)
        {
            var item = NextNonSpace();
            switch (item.Kind)
            {
                case ItemKind.RightDelim or ItemKind.RightParen:
                    if (item.Kind == ItemKind.RightParen)
                    {
                        Backup();
                    }

                    var pipe = new PipeNode(pos, isAssign, decl, cmds);
                    CheckPipeline(pipe, context);
                    return pipe;
                case ItemKind.Bool or ItemKind.CharConstant or ItemKind.Complex or ItemKind.Dot or ItemKind.Field
                    or ItemKind.Identifier or ItemKind.Number or ItemKind.Nil or ItemKind.RawString or ItemKind.String
                    or ItemKind.Variable or ItemKind.LeftParen:
                    Backup();
                    cmds.Add(Command());
                    break;
                default:
                    throw Unexpected(item, context);
            }
        }
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Cmds.Count == 0)
        {
            throw Error($"missing value for {context}");
        }

        for (var i = 1; i < pipe.Cmds.Count; i++)
        {
            if (pipe.Cmds[i].Args[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
            {
                throw Error($"non executable command in pipeline stage {Lexer.Invariant(i + 1)}");
            }
        }
    }

    private CommandNode Command()
    {
        var pos = PeekNonSpace().Pos;
        var args = new List<Node>();
        while (true)
        {
            PeekNonSpace();
            if (Operand() is { } operand)
            {
                args.Add(operand);
            }

            var item = Next();
            if (item.Kind == ItemKind.Space)
            {
                continue;
            }

            switch (item.Kind)
            {
                case ItemKind.Error:
                    throw Error(item.Val);
                case ItemKind.RightDelim or ItemKind.RightParen:
                    Backup();
                    break;
                case ItemKind.Pipe:
                    break;
                default:
                    throw Error($"unexpected {item} in operand");
            }

            break;
        }

        return args.Count == 0 ? throw Error("empty command") : new CommandNode(pos, args);
    }

    private Node? Operand()
    {
        var node = Term();
        if (node is null || Peek().Kind != ItemKind.Field)
        {
            return node;
        }

        var chainPos = Peek().Pos;
        var fields = new List<string>();
        while (Peek().Kind == ItemKind.Field)
        {
            fields.Add(Next().Val[1..]);
        }

        return node switch
        {
            FieldNode f => new FieldNode(chainPos, [.. f.Ident, .. fields]),
            VariableNode v => new VariableNode(chainPos, [.. v.Ident, .. fields]),
            BoolNode or StringNode or NumberNode or NilNode or DotNode =>
                throw Error($"unexpected . after term {GoQuote.Quote(node.ToString())}"),
            _ => new ChainNode(chainPos, node, fields),
        };
    }

    private Node? Term()
    {
        var item = NextNonSpace();
        switch (item.Kind)
        {
            case ItemKind.Error:
                throw Error(item.Val);
            case ItemKind.Identifier:
                return Functions.IsDefined(item.Val) ? new IdentifierNode(item.Pos, item.Val) : throw Error($"function {GoQuote.Quote(item.Val)} not defined");
            case ItemKind.Dot:
                return new DotNode(item.Pos);
            case ItemKind.Nil:
                return new NilNode(item.Pos);
            case ItemKind.Variable:
                return _vars.Contains(item.Val) ? new VariableNode(item.Pos, [item.Val]) : throw Error($"undefined variable {GoQuote.Quote(item.Val)}");
            case ItemKind.Field:
                return new FieldNode(item.Pos, [item.Val[1..]]);
            case ItemKind.Bool:
                return new BoolNode(item.Pos, item.Val == "true");
            case ItemKind.CharConstant or ItemKind.Complex or ItemKind.Number:
                return Number(item);
            case ItemKind.LeftParen:
                {
                    var pipe = Pipeline("parenthesized pipeline");
                    var close = Next();
                    return close.Kind == ItemKind.RightParen ? pipe : throw Error($"unclosed right paren: unexpected {close}");
                }

            case ItemKind.String or ItemKind.RawString:
                return new StringNode(item.Pos, item.Val, GoQuote.Unquote(item.Val) ?? throw Error("invalid syntax"));
        }

        Backup();
        return null;
    }

    private NumberNode Number(Item item)
    {
        var text = item.Val;
        if (item.Kind == ItemKind.CharConstant)
        {
            var (value, _, next) = text.Length > 1 ? GoQuote.UnquoteChar(text, 1, '\'') : (0, false, -1);
            if (next < 0)
            {
                throw Error("invalid syntax");
            }

            if (text[next..] != "'")
            {
                throw Error($"malformed character constant: {text}");
            }

            return new NumberNode(item.Pos, text) { IsInt = true, Int64 = value, IsUint = true, IsFloat = true, Float64 = value };
        }

        if (item.Kind == ItemKind.Complex)
        {
            return ParseComplex(item) ?? throw Error("expected integer");
        }

        if (text.EndsWith('i') && GoNumbers.ParseFloat(text[..^1]) is { } im)
        {
            return Simplify(new NumberNode(item.Pos, text) { IsComplex = true, Complex128 = new Complex(0, im) });
        }

        var u = GoNumbers.ParseUint(text);
        var i = GoNumbers.ParseInt(text);
        var n = new NumberNode(item.Pos, text) { IsUint = u is not null, IsInt = i is not null, Int64 = i ?? 0 };
        if (n.IsInt)
        {
            n = n with { IsFloat = true, Float64 = n.Int64, IsUint = n.IsUint || n.Int64 == 0 };
        }
        else if (n.IsUint)
        {
            n = n with { IsFloat = true, Float64 = u!.Value };
        }
        else if (GoNumbers.ParseFloat(text) is { } f)
        {
            if (text.IndexOfAny(['.', 'e', 'E', 'p', 'P']) < 0)
            {
                throw Error($"integer overflow: {GoQuote.Quote(text)}");
            }

            n = n with { IsFloat = true, Float64 = f };
            if (Math.Abs(f) < 9.2e18 && Math.Truncate(f) == f)
            {
                n = n with { IsInt = true, Int64 = (long)f };
            }

            if (f >= 0 && f < 1.8e19 && Math.Truncate(f) == f)
            {
                n = n with { IsUint = true };
            }
        }

        return n.IsInt || n.IsUint || n.IsFloat ? n : throw Error($"illegal number syntax: {GoQuote.Quote(text)}");
    }

    private static NumberNode Simplify(NumberNode n)
    {
        if (n.Complex128.Imaginary != 0)
        {
            return n;
        }

        var f = n.Complex128.Real;
        n = n with { IsFloat = true, Float64 = f };
        return Math.Abs(f) < 9.2e18 && Math.Truncate(f) == f ? n with { IsInt = true, Int64 = (long)f, IsUint = f >= 0 } : n;
    }

    // "1+2i": the real part, then a signed imaginary part.
    private static NumberNode? ParseComplex(Item item)
    {
        var text = item.Val;
        for (var k = text.Length - 2; k > 0; k--)
        {
            if (text[k] is '+' or '-' && text[k - 1] is not ('e' or 'E'))
            {
                var re = GoNumbers.ParseFloat(text[..k]);
                var im = GoNumbers.ParseFloat(text[k..^1]);
                return re is null || im is null ? null : Simplify(new NumberNode(item.Pos, text) { IsComplex = true, Complex128 = new Complex(re.Value, im.Value) });
            }
        }

        return null;
    }

    internal static string Invariant(double d) => d.ToString(CultureInfo.InvariantCulture);
}
