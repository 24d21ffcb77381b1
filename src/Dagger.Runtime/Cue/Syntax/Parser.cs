using System.Text;

namespace Dagger.Runtime.Cue.Syntax;

/// <summary>A recursive-descent parser for CUE files, with backtracking over a token list.</summary>
internal sealed class Parser
{
    private readonly TokenList _toks;
    private readonly string _file;
    private int _i;
    private int _exprLevel;

    // The labels of the fields whose values are being parsed, outermost first.
    private readonly List<Label> _fieldPath = [];
    private string _src = "";

    private Parser(string file, TokenList toks)
    {
        _file = file;
        _toks = toks;
    }

    public static SourceFile ParseFile(string file, string src)
    {
        var p = new Parser(file, new Scanner(file, src).ScanAll()) { _src = src };
        return p.File();
    }

    public static Expr ParseExpr(string file, string src)
    {
        var p = new Parser(file, new Scanner(file, src).ScanAll());
        var e = p.Expression();
        p.SkipCommas();
        if (p.Cur.Kind != Tok.Eof)
        {
            throw p.Error($"unexpected {Describe(p.Cur)}");
        }

        return e;
    }

    private Token Cur => _toks[_i];

    // Whether the token at index starts its line: a field after another on the same line has no doc comment.
    private bool FirstOnLine(int index) =>
        index == 0 || _toks[index - 1] is var before && (before.Pos.Line < _toks[index].Pos.Line || before is { Kind: Tok.Comma, Text: "\n" });

    // The comment lines that stand alone right above a line, as CUE takes a field's doc comment; a blank line ends them.
    private string? DocAbove(int line)
    {
        if (_toks.Comments is not { } comments)
        {
            return null;
        }

        var first = line;
        while (comments.TryGetValue(first - 1, out var c) && c.OwnLine)
        {
            first--;
        }

        return first == line
            ? null
            : string.Join("\n", Enumerable.Range(first, line - first).Select(l => comments[l].Text.StartsWith(' ') ? comments[l].Text[1..] : comments[l].Text));
    }

    // Where the last token taken ends: the end of the node just parsed.
    private int PrevEnd => _i > 0 ? _toks[_i - 1].Offset + _toks[_i - 1].Text.Length : 0;

    private Token PeekTok(int k) => _toks[Math.Min(_i + k, _toks.Count - 1)];

    private CueSyntaxException Error(string msg) => new(Cur.Pos, msg);

    // CUE finds a stray `*` when it compiles a field, so it names the field (the innermost one: not a list index).
    private CueSyntaxException MisplacedMark(Pos pos) => new(pos, "preference mark not allowed at this position")
    {
        Path = string.Join(".", _fieldPath.Select(l => l.Kind switch
        {
            LabelKind.Regular => CueText.Label(l.Name),
            LabelKind.Pattern => "[]",
            LabelKind.Dynamic => "<unknown>",
            _ => l.Name,
        })),
    };

    private static string Describe(Token t) => t.Kind switch
    {
        Tok.Eof => "'EOF'",
        Tok.Comma when t.Text == "\n" => "newline",
        _ => $"'{t.Text}'",
    };

    private Token Expect(Tok k, string what)
    {
        if (Cur.Kind != k)
        {
            throw Error($"expected {what}, found {Describe(Cur)}");
        }

        return _toks[_i++];
    }

    private bool Got(Tok k)
    {
        if (Cur.Kind == k)
        {
            _i++;
            return true;
        }

        return false;
    }

    private void SkipCommas()
    {
        while (Cur.Kind == Tok.Comma)
        {
            _i++;
        }
    }

    private bool IsKeyword(string kw) => Cur.Kind == Tok.Ident && Cur.Text == kw;

    private SourceFile File()
    {
        var root = new StructLit { Pos = Cur.Pos, IsFile = true };
        var f = new SourceFile { Name = _file, Root = root, Pos = Cur.Pos, Text = _src };
        SkipCommas();
        while (Cur.Kind == Tok.Attribute)
        {
            f.Attributes.Add(ParseAttribute());
            SkipCommas();
        }

        if (IsKeyword("package") && PeekTok(1).Kind == Tok.Ident)
        {
            _i++;
            f.Package = Expect(Tok.Ident, "package name").Text;
            SkipCommas();
        }

        while (IsKeyword("import") && PeekTok(1).Kind is Tok.Ident or Tok.String or Tok.LParen)
        {
            _i++;
            if (Got(Tok.LParen))
            {
                SkipCommas();
                while (Cur.Kind != Tok.RParen)
                {
                    f.Imports.Add(ImportSpec());
                    SkipCommas();
                }

                Expect(Tok.RParen, "')'");
            }
            else
            {
                f.Imports.Add(ImportSpec());
            }

            SkipCommas();
        }

        DeclList(root, Tok.Eof);
        return f;
    }

    private ImportSpec ImportSpec()
    {
        var pos = Cur.Pos;
        string? name = null;
        if (Cur.Kind == Tok.Ident)
        {
            name = Cur.Text;
            _i++;
        }

        var s = Expect(Tok.String, "import path");
        return new ImportSpec { Name = name, Path = StringLit.DecodeSimple(s.Text, s.Pos), Pos = pos };
    }

    private Attribute ParseAttribute()
    {
        var t = Expect(Tok.Attribute, "attribute");
        var open = t.Text.IndexOf('(');
        return new Attribute { Name = t.Text[1..open], Body = t.Text[(open + 1)..^1], Pos = t.Pos };
    }

    private void DeclList(StructLit s, Tok end)
    {
        SkipCommas();
        while (Cur.Kind != end)
        {
            if (Cur.Kind == Tok.Eof)
            {
                throw Error("expected '}', found 'EOF'");
            }

            if (Cur.Kind == Tok.Attribute)
            {
                s.Attributes.Add(ParseAttribute());
            }
            else if (Decl() is { } d)
            {
                if (d is EllipsisDecl e)
                {
                    s.HasEllipsis = true;
                    if (e.Type is { } t)
                    {
                        // v0.4 reads `...T` in a struct as `...` followed by an embedded T.
                        s.Decls.Add(new EllipsisDecl { Pos = e.Pos });
                        d = new EmbedDecl { Expr = t, Pos = t.Pos };
                    }
                }

                s.Decls.Add(d);
            }

            if (Cur.Kind == end)
            {
                break;
            }

            if (Cur.Kind != Tok.Comma)
            {
                throw Error($"missing ',' in struct literal, found {Describe(Cur)}");
            }

            SkipCommas();
        }
    }

    private Decl? Decl()
    {
        var pos = Cur.Pos;
        if (Cur.Kind == Tok.Attribute)
        {
            ParseAttribute();
            return null;
        }

        if (IsKeyword("let") && PeekTok(1).Kind == Tok.Ident && PeekTok(2).Kind == Tok.Assign)
        {
            _i++;
            var name = Expect(Tok.Ident, "identifier").Text;
            Expect(Tok.Assign, "'='");
            return new LetDecl { Name = name, Expr = Expression(), Pos = pos };
        }

        if ((IsKeyword("for") || IsKeyword("if")) && PeekTok(1).Kind is not (Tok.Colon or Tok.Question or Tok.DoubleColon or Tok.Comma))
        {
            return new ComprehensionDecl { Comprehension = ComprehensionTail(), Pos = pos };
        }

        if (Cur.Kind == Tok.Ellipsis)
        {
            _i++;
            Expr? t = null;
            if (Cur.Kind is not (Tok.Comma or Tok.RBrace))
            {
                t = Expression();
            }

            return new EllipsisDecl { Type = t, Pos = pos };
        }

        var save = _i;
        var field = TryField();
        if (field is not null)
        {
            return field;
        }

        _i = save;
        var e = Expression();
        return new EmbedDecl { Expr = e, Pos = pos };
    }

    /// <summary>Parses <c>[alias=] label [?] : value</c> if the tokens form a field; returns null otherwise.</summary>
    private Field? TryField()
    {
        var pos = Cur.Pos;
        var first = _i;
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error("fields nested too deeply");
        }

        string? alias = null;
        if (Cur.Kind == Tok.Ident && PeekTok(1).Kind == Tok.Assign)
        {
            alias = Cur.Text;
            _i += 2;
        }

        var label = TryLabel();
        if (label is null)
        {
            return null;
        }

        var optional = false;
        if (Cur.Kind == Tok.Question)
        {
            optional = true;
            _i++;
        }

        if (Cur.Kind == Tok.DoubleColon)
        {
            throw Error("use of deprecated '::' (deprecated as of v0.2.1): try running `cue fix` (possibly with an earlier version, like v0.2.2) to upgrade");
        }

        if (Cur.Kind != Tok.Colon)
        {
            return null;
        }

        _i++;

        _fieldPath.Add(label);
        try
        {
            return FieldValue(pos, first, label, optional, alias);
        }
        finally
        {
            _fieldPath.RemoveAt(_fieldPath.Count - 1);
        }
    }

    private Field FieldValue(Pos pos, int first, Label label, bool optional, string? alias)
    {
        string? valueAlias = null;
        Expr value;
        var save = _i;
        var nested = TryField();
        if (nested is not null)
        {
            var s = new StructLit { Pos = nested.Pos, Shorthand = true, End = nested.End };
            s.Decls.Add(nested);
            value = s;
        }
        else
        {
            _i = save;
            if (Cur.Kind == Tok.Ident && PeekTok(1).Kind == Tok.Assign)
            {
                valueAlias = Cur.Text;
                _i += 2;
            }

            value = Expression();
        }

        var f = new Field { Label = label, Optional = optional, Value = value, Alias = alias, ValueAlias = valueAlias, Pos = pos };
        while (Cur.Kind == Tok.Attribute)
        {
            f.Attributes.Add(ParseAttribute());
        }

        f.End = PrevEnd;
        if (FirstOnLine(first) && DocAbove(pos.Line) is { } doc)
        {
            value.Doc = doc;
        }

        return f;
    }

    private Label? TryLabel()
    {
        var t = Cur;
        switch (t.Kind)
        {
            case Tok.Ident:
                {
                    _i++;
                    var kind = t.Text.StartsWith("_#", StringComparison.Ordinal) ? LabelKind.HiddenDefinition
                        : t.Text.StartsWith('#') ? LabelKind.Definition
                        : t.Text.StartsWith('_') && t.Text != "_" ? LabelKind.Hidden
                        : LabelKind.Regular;
                    return new Label { Kind = kind, Name = t.Text, IsIdent = true, Pos = t.Pos };
                }

            case Tok.String:
                {
                    _i++;
                    var e = StringLit.Parse(this, t);
                    if (e is BasicLit { Kind: LitKind.String } b)
                    {
                        return new Label { Kind = LabelKind.Regular, Name = (string)b.Value!, Pos = t.Pos };
                    }

                    if (e is Interpolation { IsBytes: false })
                    {
                        return new Label { Kind = LabelKind.Dynamic, Expr = e, Pos = t.Pos };
                    }

                    return null;
                }

            case Tok.LParen:
                {
                    _i++;
                    var e = Expression();
                    if (!Got(Tok.RParen))
                    {
                        return null;
                    }

                    return new Label { Kind = LabelKind.Dynamic, Expr = e, Pos = t.Pos };
                }

            case Tok.LBrack:
                {
                    _i++;
                    string? alias = null;
                    if (Cur.Kind == Tok.Ident && PeekTok(1).Kind == Tok.Assign)
                    {
                        alias = Cur.Text;
                        _i += 2;
                    }

                    Expr e;
                    try
                    {
                        e = Expression();
                    }
                    catch (CueSyntaxException)
                    {
                        return null;
                    }

                    if (!Got(Tok.RBrack))
                    {
                        return null;
                    }

                    return new Label { Kind = LabelKind.Pattern, Expr = e, PatternAlias = alias, Pos = t.Pos };
                }

            default:
                return null;
        }
    }

    private Comprehension ComprehensionTail()
    {
        var pos = Cur.Pos;
        var clauses = new List<Clause>();
        while (true)
        {
            var cp = Cur.Pos;
            if (IsKeyword("for"))
            {
                _i++;
                var first = Ident(Expect(Tok.Ident, "identifier"));
                Ident? key = null;
                var value = first;
                if (Got(Tok.Comma))
                {
                    key = first;
                    value = Ident(Expect(Tok.Ident, "identifier"));
                }

                if (!IsKeyword("in"))
                {
                    throw Error($"expected 'in', found {Describe(Cur)}");
                }

                _i++;
                clauses.Add(new ForClause { Key = key, Value = value, Source = Expression(), Pos = cp });
            }
            else if (IsKeyword("if"))
            {
                _i++;
                clauses.Add(new IfClause { Cond = Expression(), Pos = cp });
            }
            else if (IsKeyword("let") && clauses.Count > 0)
            {
                _i++;
                var name = Ident(Expect(Tok.Ident, "identifier"));
                Expect(Tok.Assign, "'='");
                clauses.Add(new LetClause { Name = name, Expr = Expression(), Pos = cp });
            }
            else
            {
                break;
            }

            Got(Tok.Comma);
        }

        if (Cur.Kind != Tok.LBrace)
        {
            throw Error($"expected '{{' after comprehension clauses, found {Describe(Cur)}");
        }

        var body = (StructLit)Operand();
        var c = new Comprehension { Body = body, Pos = pos };
        c.Clauses.AddRange(clauses);
        return c;
    }

    private static Ident Ident(Token t) => new() { Name = t.Text, Pos = t.Pos };

    public Expr Expression()
    {
        if (++_exprLevel > 1000 || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error("expression nested too deeply");
        }

        try
        {
            var e = Disjunction();
            e.End = Math.Max(e.End, PrevEnd);
            return e;
        }
        finally
        {
            _exprLevel--;
        }
    }

    private Expr Disjunction()
    {
        var pos = Cur.Pos;
        var first = DefaultTerm(out var d0);
        if (Cur.Kind != Tok.Pipe)
        {
            if (d0)
            {
                throw MisplacedMark(pos);
            }

            return first;
        }

        var disj = new DisjunctionExpr { Pos = pos };
        disj.Terms.Add((first, d0));
        while (Got(Tok.Pipe))
        {
            var t = DefaultTerm(out var d);
            disj.Terms.Add((t, d));
        }

        disj.HasDefaults = disj.Terms.Any(t => t.Default);
        return disj;
    }

    private Expr DefaultTerm(out bool isDefault)
    {
        isDefault = false;
        if (Cur.Kind == Tok.Star)
        {
            _i++;
            isDefault = true;
        }

        return Binary(2);
    }

    private static int Prec(Token t, out BinOp op)
    {
        op = default;
        switch (t.Kind)
        {
            case Tok.Amp: op = BinOp.And; return 2;
            case Tok.OrOr: op = BinOp.LOr; return 3;
            case Tok.AndAnd: op = BinOp.LAnd; return 4;
            case Tok.Eq: op = BinOp.Eq; return 5;
            case Tok.Neq: op = BinOp.Neq; return 5;
            case Tok.Lss: op = BinOp.Lss; return 5;
            case Tok.Leq: op = BinOp.Leq; return 5;
            case Tok.Gtr: op = BinOp.Gtr; return 5;
            case Tok.Geq: op = BinOp.Geq; return 5;
            case Tok.Match: op = BinOp.Match; return 5;
            case Tok.NotMatch: op = BinOp.NotMatch; return 5;
            case Tok.Plus: op = BinOp.Add; return 6;
            case Tok.Minus: op = BinOp.Sub; return 6;
            case Tok.Star: op = BinOp.Mul; return 7;
            case Tok.Slash: op = BinOp.Div; return 7;
            case Tok.Ident:
                switch (t.Text)
                {
                    case "div": op = BinOp.IntDiv; return 7;
                    case "mod": op = BinOp.IntMod; return 7;
                    case "quo": op = BinOp.IntQuo; return 7;
                    case "rem": op = BinOp.IntRem; return 7;
                }

                return 0;
            default:
                return 0;
        }
    }

    private Expr Binary(int minPrec)
    {
        var x = Unary();
        while (true)
        {
            var p = Prec(Cur, out var op);
            if (p < minPrec || p == 0)
            {
                return x;
            }

            var pos = Cur.Pos;
            _i++;
            var y = Binary(p + 1);
            x = new BinaryExpr { Op = op, X = x, Y = y, Pos = pos };
        }
    }

    private Expr Unary()
    {
        var t = Cur;
        switch (t.Kind)
        {
            case Tok.Minus:
            case Tok.Plus:
            case Tok.Bang:
            case Tok.Neq:
            case Tok.Lss:
            case Tok.Leq:
            case Tok.Gtr:
            case Tok.Geq:
            case Tok.Match:
            case Tok.NotMatch:
                _i++;
                return new UnaryExpr { Op = t.Kind, X = Unary(), Pos = t.Pos };
            case Tok.Star:
                throw MisplacedMark(t.Pos);
            default:
                return Primary();
        }
    }

    private Expr Primary()
    {
        var x = Operand();
        while (true)
        {
            var t = Cur;
            if (t.Kind == Tok.Dot)
            {
                _i++;
                var s = Cur;
                if (s.Kind == Tok.Ident)
                {
                    _i++;
                    x = new SelectorExpr { X = x, Sel = s.Text, Pos = s.Pos };
                }
                else if (s.Kind == Tok.String)
                {
                    _i++;
                    x = new SelectorExpr { X = x, Sel = StringLit.DecodeSimple(s.Text, s.Pos), Pos = s.Pos };
                }
                else
                {
                    throw Error($"expected selector, found {Describe(s)}");
                }
            }
            else if (t.Kind == Tok.LBrack)
            {
                _i++;
                Expr? lo = null;
                if (Cur.Kind != Tok.Colon)
                {
                    lo = Expression();
                }

                if (Got(Tok.Colon))
                {
                    Expr? hi = null;
                    if (Cur.Kind != Tok.RBrack)
                    {
                        hi = Expression();
                    }

                    Expect(Tok.RBrack, "']'");
                    x = new SliceExpr { X = x, Lo = lo, Hi = hi, Pos = t.Pos };
                }
                else
                {
                    Expect(Tok.RBrack, "']'");
                    x = new IndexExpr { X = x, Index = lo!, Pos = t.Pos };
                }
            }
            else if (t.Kind == Tok.LParen)
            {
                _i++;
                var call = new CallExpr { Fun = x, Pos = t.Pos };
                SkipCommas();
                while (Cur.Kind != Tok.RParen)
                {
                    call.Args.Add(Expression());
                    if (Cur.Kind != Tok.RParen)
                    {
                        Expect(Tok.Comma, "',' or ')'");
                        SkipCommas();
                    }
                }

                _i++;
                x = call;
            }
            else
            {
                return x;
            }
        }
    }

    private Expr Operand()
    {
        var t = Cur;
        switch (t.Kind)
        {
            case Tok.Ident:
                _i++;
                return t.Text switch
                {
                    "null" => new BasicLit { Kind = LitKind.Null, Text = t.Text, Pos = t.Pos },
                    "true" => new BasicLit { Kind = LitKind.Bool, Value = true, Text = t.Text, Pos = t.Pos },
                    "false" => new BasicLit { Kind = LitKind.Bool, Value = false, Text = t.Text, Pos = t.Pos },
                    _ => Ident(t),
                };
            case Tok.Bottom:
                _i++;
                return new BasicLit { Kind = LitKind.Bottom, Text = t.Text, Pos = t.Pos };
            case Tok.Int:
                _i++;
                return new BasicLit { Kind = LitKind.Int, Text = t.Text, Pos = t.Pos };
            case Tok.Float:
                _i++;
                return new BasicLit { Kind = LitKind.Float, Text = t.Text, Pos = t.Pos };
            case Tok.String:
                _i++;
                return StringLit.Parse(this, t);
            case Tok.LParen:
                {
                    _i++;
                    var e = Expression();
                    Expect(Tok.RParen, "')'");
                    return new ParenExpr { X = e, Pos = t.Pos };
                }

            case Tok.LBrace:
                {
                    _i++;
                    var s = new StructLit { Pos = t.Pos };
                    DeclList(s, Tok.RBrace);
                    Expect(Tok.RBrace, "'}'");
                    return s;
                }

            case Tok.LBrack:
                {
                    _i++;
                    var l = new ListLit { Pos = t.Pos };
                    SkipCommas();
                    while (Cur.Kind != Tok.RBrack)
                    {
                        if (Cur.Kind == Tok.Ellipsis)
                        {
                            var ep = Cur.Pos;
                            _i++;
                            l.Ellipsis = Cur.Kind is Tok.RBrack or Tok.Comma
                                ? new Ident { Name = "_", Pos = ep }
                                : Expression();
                            SkipCommas();
                            if (Cur.Kind != Tok.RBrack)
                            {
                                throw Error("ellipsis must be the last element of a list");
                            }

                            break;
                        }

                        if ((IsKeyword("for") || IsKeyword("if")) && PeekTok(1).Kind is Tok.Ident or Tok.LParen or Tok.Bang or Tok.Int or Tok.String or Tok.Minus or Tok.LBrack or Tok.LBrace)
                        {
                            l.Elems.Add(ComprehensionTail());
                        }
                        else
                        {
                            l.Elems.Add(Expression());
                        }

                        if (Cur.Kind != Tok.RBrack)
                        {
                            if (Cur.Kind != Tok.Comma)
                            {
                                throw Error($"missing ',' before newline in list literal, found {Describe(Cur)}");
                            }

                            SkipCommas();
                        }
                    }

                    _i++;
                    return l;
                }

            default:
                throw Error($"expected operand, found {Describe(t)}");
        }
    }

    /// <summary>Parses the expression inside an interpolation.</summary>
    internal static Expr ParseInterpolationExpr(string file, string text, Pos at)
    {
        try
        {
            return ParseExpr(file, text);
        }
        catch (CueSyntaxException e)
        {
            throw new CueSyntaxException(at, e.Message);
        }
    }

    internal string FileName => _file;

    internal static string Utf8(byte[] b) => Encoding.UTF8.GetString(b);
}
