namespace Dagger.Runtime.Cue.Syntax;

/// <summary>Base of every syntax node.</summary>
internal abstract class Node
{
    public Pos Pos { get; set; }

    /// <summary>The character offset just after the node in its file; 0 where the parser did not record it.</summary>
    public int End { get; set; }
}

/// <summary>An expression.</summary>
internal abstract class Expr : Node
{
    /// <summary>The doc comment of the field whose value this is: the comment lines right above the field.</summary>
    public string? Doc { get; set; }

    /// <summary>Where the expression's text starts: <see cref="Node.Pos"/> of a binary expression is its operator's,
    /// of a selector its name's.</summary>
    public Pos Start => this switch
    {
        BinaryExpr b => b.X.Start,
        SelectorExpr s => s.X.Start,
        IndexExpr i => i.X.Start,
        SliceExpr s => s.X.Start,
        CallExpr c => c.Fun.Start,
        _ => Pos,
    };
}

/// <summary>How a resolved identifier finds its value at run time.</summary>
internal enum RefKind
{
    Unresolved,
    Field,
    StructLet,
    ClauseVar,
    LabelAlias,
    DynamicField,
    Predeclared,
    Import,
}

internal sealed class Ident : Expr
{
    public required string Name { get; init; }

    public RefKind Kind { get; set; }

    public int UpCount { get; set; }

    /// <summary>The interned label (for fields and clause variables), resolved by the compiler.</summary>
    public int Label { get; set; }

    /// <summary>The let declaration, import path or predeclared name this identifier resolved to.</summary>
    public object? Target { get; set; }
}

internal enum LitKind
{
    Null,
    Bool,
    Int,
    Float,
    String,
    Bytes,
    Bottom,
}

internal sealed class BasicLit : Expr
{
    public LitKind Kind { get; init; }

    /// <summary>bool, string, byte[], or a number parsed by the compiler.</summary>
    public object? Value { get; set; }

    public string Text { get; init; } = "";
}

internal sealed class Interpolation : Expr
{
    /// <summary>Alternating literal strings and expressions.</summary>
    public List<object> Parts { get; } = [];

    public bool IsBytes { get; init; }
}

internal sealed class ParenExpr : Expr
{
    public required Expr X { get; init; }
}

internal sealed class SelectorExpr : Expr
{
    public required Expr X { get; init; }

    public required string Sel { get; init; }

    public int Label { get; set; }
}

internal sealed class IndexExpr : Expr
{
    public required Expr X { get; init; }

    public required Expr Index { get; init; }
}

internal sealed class SliceExpr : Expr
{
    public required Expr X { get; init; }

    public Expr? Lo { get; init; }

    public Expr? Hi { get; init; }
}

internal sealed class CallExpr : Expr
{
    public required Expr Fun { get; init; }

    public List<Expr> Args { get; } = [];
}

internal sealed class UnaryExpr : Expr
{
    public Tok Op { get; init; }

    public required Expr X { get; init; }
}

internal enum BinOp
{
    And,
    Or,
    LAnd,
    LOr,
    Eq,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
    Match,
    NotMatch,
    Add,
    Sub,
    Mul,
    Div,
    IntDiv,
    IntMod,
    IntQuo,
    IntRem,
}

internal sealed class BinaryExpr : Expr
{
    public BinOp Op { get; init; }

    public required Expr X { get; init; }

    public required Expr Y { get; init; }
}

/// <summary>A flattened disjunction <c>a | *b | c</c>.</summary>
internal sealed class DisjunctionExpr : Expr
{
    public List<(Expr Expr, bool Default)> Terms { get; } = [];

    public bool HasDefaults { get; set; }

    /// <summary>Whether every term is a literal, a basic type or a bound (see <c>Evaluator.TryExpandScalarDisjunction</c>);
    /// null until the evaluator first asks.</summary>
    public bool? ScalarTerms { get; set; }
}

internal sealed class ListLit : Expr
{
    public List<Expr> Elems { get; } = [];

    /// <summary>Set when the list ends with <c>...</c>; the type is <c>_</c> when none is given.</summary>
    public Expr? Ellipsis { get; set; }

    public bool Open => Ellipsis is not null;
}

internal sealed class StructLit : Expr
{
    public List<Decl> Decls { get; } = [];

    /// <summary>The static labels of the literal's fields in source order (export fronts), set by the compiler.</summary>
    public int[] FrontLabels { get; set; } = [];

    public bool HasEllipsis { get; set; }

    /// <summary>Whether the literal declares optional fields or patterns (what v0.4 compares by identity when it
    /// merges equal disjuncts).</summary>
    public bool HasOptional => _hasOptional ??= Decls.Any(d => d is Field { Optional: true } or Field { Label.Kind: LabelKind.Pattern });

    private bool? _hasOptional;

    /// <summary>Declaration attributes: those written among the fields, such as <c>{@dagger(output), _}</c>.</summary>
    public List<Attribute> Attributes { get; } = [];

    /// <summary>Set on struct literals that only exist because of shorthand <c>a: b: c</c>.</summary>
    public bool Shorthand { get; init; }

    /// <summary>Set on a file's top-level literal: its embeddings form no group of their own (v0.4).</summary>
    public bool IsFile { get; init; }
}

/// <summary>A comprehension: clauses followed by a struct body. Used in structs and lists.</summary>
internal sealed class Comprehension : Expr
{
    public List<Clause> Clauses { get; } = [];

    public required StructLit Body { get; init; }
}

internal abstract class Clause : Node
{
}

internal sealed class ForClause : Clause
{
    public Ident? Key { get; init; }

    public required Ident Value { get; init; }

    public required Expr Source { get; init; }
}

internal sealed class IfClause : Clause
{
    public required Expr Cond { get; init; }
}

internal sealed class LetClause : Clause
{
    public required Ident Name { get; init; }

    public required Expr Expr { get; init; }
}

internal abstract class Decl : Node
{
}

internal enum LabelKind
{
    Regular,
    Definition,
    Hidden,
    HiddenDefinition,
    Dynamic,
    Pattern,
}

internal sealed class Label : Node
{
    public LabelKind Kind { get; init; }

    /// <summary>The name for static labels (without quotes).</summary>
    public string Name { get; init; } = "";

    /// <summary>True when the static label was written as an identifier (so it can be referenced).</summary>
    public bool IsIdent { get; init; }

    /// <summary>The expression for dynamic and pattern labels.</summary>
    public Expr? Expr { get; init; }

    /// <summary>The alias in <c>[X=expr]</c>.</summary>
    public string? PatternAlias { get; init; }

    public int Feature { get; set; }
}

internal sealed class Field : Decl
{
    public required Label Label { get; init; }

    public bool Optional { get; init; }

    public required Expr Value { get; init; }

    /// <summary>The alias in <c>X=label: value</c>.</summary>
    public string? Alias { get; init; }

    /// <summary>The alias in <c>label: X=value</c>.</summary>
    public string? ValueAlias { get; init; }

    public List<Attribute> Attributes { get; } = [];
}

internal sealed class Attribute : Node
{
    public required string Name { get; init; }

    /// <summary>The raw text between the parentheses.</summary>
    public required string Body { get; init; }
}

internal sealed class LetDecl : Decl
{
    public required string Name { get; init; }

    public required Expr Expr { get; init; }
}

internal sealed class EmbedDecl : Decl
{
    public required Expr Expr { get; init; }
}

internal sealed class EllipsisDecl : Decl
{
    public Expr? Type { get; init; }
}

internal sealed class ComprehensionDecl : Decl
{
    public required Comprehension Comprehension { get; init; }
}

internal sealed class ImportSpec : Node
{
    public string? Name { get; init; }

    public required string Path { get; init; }

    public bool Used { get; set; }
}

internal sealed class SourceFile : Node
{
    public required string Name { get; init; }

    /// <summary>The file's text, for spans.</summary>
    public string Text { get; init; } = "";

    public string? Package { get; set; }

    public List<ImportSpec> Imports { get; } = [];

    public required StructLit Root { get; init; }

    public List<Attribute> Attributes { get; } = [];
}
