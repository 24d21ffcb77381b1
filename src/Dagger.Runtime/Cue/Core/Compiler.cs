using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Core;

/// <summary>
/// Resolves identifiers lexically into (kind, up-count, label) and interns labels, so evaluation never looks
/// names up by string. One scope level is opened by each struct literal, <c>for</c> clause and clause <c>let</c>.
/// </summary>
internal sealed class Compiler
{
    private readonly List<Scope> _scopes = [];
    private readonly string _package;
    private readonly HashSet<string> _packageFields;
    private readonly bool _namedPackage;
    private readonly Dictionary<string, ImportSpec> _imports = new(StringComparer.Ordinal);
    private readonly List<CueError> _errors = [];
    private readonly List<string> _path = [];
    private readonly string _fileName;
    private readonly LabelTable _names;

    private Compiler(LabelTable names, string fileName, string package, HashSet<string> packageFields, bool namedPackage)
    {
        _names = names;
        _fileName = fileName;
        _package = package;
        _packageFields = packageFields;
        _namedPackage = namedPackage;
    }

    private sealed class Scope(bool level)
    {
        public bool Level { get; } = level;

        public Dictionary<string, (RefKind Kind, int Label, object? Target)> Names { get; } = new(StringComparer.Ordinal);
    }

    internal static readonly HashSet<string> Predeclared = new(StringComparer.Ordinal)
    {
        "_", "string", "bytes", "bool", "int", "float", "number", "len", "close", "and", "or", "div", "mod", "quo", "rem",
        "int8", "int16", "int32", "int64", "int128", "uint", "uint8", "uint16", "uint32", "uint64", "uint128",
        "rune", "float32", "float64",
    };

    /// <summary>Compiles one file; returns the error messages (empty on success).</summary>
    /// <param name="names">The labels of the context the file is compiled for.</param>
    /// <param name="file">The parsed file.</param>
    /// <param name="package">The package path hidden labels are scoped to.</param>
    /// <param name="packageFields">Top-level field names of all files of the package (for cross-file references).</param>
    /// <param name="importName">Maps an import path to the name it binds when not renamed.</param>
    public static List<CueError> Compile(LabelTable names, SourceFile file, string package, HashSet<string> packageFields, Func<string, string> importName)
    {
        var c = new Compiler(names, file.Name, package, packageFields, file.Package is not null && file.Package != "_");
        foreach (var imp in file.Imports)
        {
            var name = imp.Name ?? importName(imp.Path);
            c._imports[name] = imp;
        }

        c.Struct(file.Root);
        return c._errors;
    }

    /// <summary>Records an error at the path of the enclosing fields, where the reference reports it too.</summary>
    private void Error(Pos pos, string msg) => _errors.Add(new CueError(string.Join(".", _path), msg, pos, []));

    private int LabelOf(Label l) => l.Kind switch
    {
        LabelKind.Regular => _names.String(l.Name),
        LabelKind.Definition => _names.Make(l.Name, LabelType.Definition),
        LabelKind.Hidden => _names.Make(l.Name, LabelType.Hidden, _package),
        LabelKind.HiddenDefinition => _names.Make(l.Name, LabelType.HiddenDefinition, _package),
        _ => Labels.None,
    };

    private void Struct(StructLit s)
    {
        var scope = new Scope(true);
        var fronts = new List<int>();
        foreach (var d in s.Decls)
        {
            switch (d)
            {
                case Field f:
                    if (f.Label.Kind is LabelKind.Dynamic or LabelKind.Pattern)
                    {
                        if (f.Alias is not null)
                        {
                            scope.Names[f.Alias] = f.Label.Kind == LabelKind.Dynamic
                                ? (RefKind.DynamicField, Labels.None, f)
                                : (RefKind.Unresolved, Labels.None, null);
                        }

                        break;
                    }

                    var label = LabelOf(f.Label);
                    f.Label.Feature = label;
                    fronts.Add(label);
                    if (f.Label.IsIdent)
                    {
                        scope.Names.TryAdd(f.Label.Name, (RefKind.Field, label, null));
                    }

                    if (f.Alias is not null)
                    {
                        scope.Names[f.Alias] = (RefKind.Field, label, null);
                    }

                    if (f.ValueAlias is not null)
                    {
                        scope.Names[f.ValueAlias] = (RefKind.Field, label, null);
                    }

                    break;
                case LetDecl l:
                    scope.Names[l.Name] = (RefKind.StructLet, Labels.None, l);
                    break;
            }
        }

        s.FrontLabels = [.. fronts];
        _scopes.Add(scope);
        foreach (var d in s.Decls)
        {
            switch (d)
            {
                case Field f:
                    if (f.Label.Kind == LabelKind.Dynamic)
                    {
                        Expr(f.Label.Expr!);
                    }

                    if (f.Label.Kind == LabelKind.Pattern)
                    {
                        Expr(f.Label.Expr!);
                        if (f.Label.PatternAlias is not null)
                        {
                            var ps = new Scope(false);
                            ps.Names[f.Label.PatternAlias] = (RefKind.LabelAlias, Labels.None, null);
                            _scopes.Add(ps);
                            Expr(f.Value);
                            _scopes.RemoveAt(_scopes.Count - 1);
                            break;
                        }
                    }

                    var named = f.Label.Kind is not (LabelKind.Dynamic or LabelKind.Pattern);
                    if (named)
                    {
                        _path.Add(f.Label.IsIdent ? f.Label.Name : CueText.Quote(f.Label.Name));
                    }

                    Expr(f.Value);
                    if (named)
                    {
                        _path.RemoveAt(_path.Count - 1);
                    }

                    break;
                case LetDecl l:
                    Expr(l.Expr);
                    break;
                case EmbedDecl e:
                    Expr(e.Expr);
                    break;
                case EllipsisDecl { Type: not null } el:
                    Expr(el.Type);
                    break;
                case ComprehensionDecl c:
                    Comprehension(c.Comprehension);
                    break;
            }
        }

        _scopes.RemoveAt(_scopes.Count - 1);
    }

    private void Comprehension(Comprehension c)
    {
        var pushed = 0;
        foreach (var clause in c.Clauses)
        {
            switch (clause)
            {
                case ForClause f:
                    {
                        Expr(f.Source);
                        var s = new Scope(true);
                        if (f.Key is not null)
                        {
                            f.Key.Label = _names.String(f.Key.Name);
                            s.Names[f.Key.Name] = (RefKind.ClauseVar, f.Key.Label, null);
                        }

                        f.Value.Label = _names.String(f.Value.Name);
                        s.Names[f.Value.Name] = (RefKind.ClauseVar, f.Value.Label, null);
                        _scopes.Add(s);
                        pushed++;
                        break;
                    }

                case IfClause i:
                    Expr(i.Cond);
                    break;
                case LetClause l:
                    {
                        Expr(l.Expr);
                        var s = new Scope(true);
                        l.Name.Label = _names.String(l.Name.Name);
                        s.Names[l.Name.Name] = (RefKind.ClauseVar, l.Name.Label, null);
                        _scopes.Add(s);
                        pushed++;
                        break;
                    }
            }
        }

        Struct(c.Body);
        _scopes.RemoveRange(_scopes.Count - pushed, pushed);
    }

    private void Expr(Expr e)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new CueSyntaxException(e.Pos, "expression nested too deeply");
        }

        switch (e)
        {
            case Ident id:
                Resolve(id);
                break;
            case BasicLit b:
                if (b.Kind is LitKind.Int or LitKind.Float)
                {
                    try
                    {
                        var d = CueDecimal.ParseLiteral(b.Text, out var isInt);
                        b.Value = new NumValue(d, isInt && b.Kind == LitKind.Int);
                    }
                    catch (FormatException)
                    {
                        Error(b.Pos, $"invalid number literal {b.Text}");
                        b.Value = new NumValue(CueDecimal.Zero, true);
                    }
                }

                break;
            case Interpolation i:
                foreach (var p in i.Parts)
                {
                    if (p is Expr pe)
                    {
                        Expr(pe);
                    }
                }

                break;
            case ParenExpr p:
                Expr(p.X);
                break;
            case SelectorExpr s:
                Expr(s.X);
                s.Label = _names.FromName(s.Sel, _package);
                break;
            case IndexExpr ix:
                Expr(ix.X);
                Expr(ix.Index);
                break;
            case SliceExpr sl:
                Expr(sl.X);
                if (sl.Lo is not null)
                {
                    Expr(sl.Lo);
                }

                if (sl.Hi is not null)
                {
                    Expr(sl.Hi);
                }

                break;
            case CallExpr c:
                Expr(c.Fun);
                foreach (var a in c.Args)
                {
                    Expr(a);
                }

                break;
            case UnaryExpr u:
                Expr(u.X);
                break;
            case BinaryExpr b:
                Expr(b.X);
                Expr(b.Y);
                break;
            case DisjunctionExpr d:
                foreach (var t in d.Terms)
                {
                    Expr(t.Expr);
                }

                break;
            case ListLit l:
                foreach (var x in l.Elems)
                {
                    Expr(x);
                }

                if (l.Ellipsis is not null)
                {
                    Expr(l.Ellipsis);
                }

                break;
            case StructLit s:
                Struct(s);
                break;
            case Comprehension c:
                Comprehension(c);
                break;
        }
    }

    private void Resolve(Ident id)
    {
        var up = 0;
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            var s = _scopes[i];
            if (s.Names.TryGetValue(id.Name, out var hit))
            {
                if (hit.Kind == RefKind.Unresolved)
                {
                    Error(id.Pos, $"unsupported alias \"{id.Name}\"");
                    return;
                }

                id.Kind = hit.Kind;
                id.UpCount = up;
                id.Label = hit.Label;
                id.Target = hit.Target;
                return;
            }

            if (s.Level)
            {
                up++;
            }
        }

        // Top-level fields declared in other files of the same named package.
        if (_namedPackage && _packageFields.Contains(id.Name))
        {
            id.Kind = RefKind.Field;
            id.UpCount = up - 1;
            id.Label = _names.FromName(id.Name, _package);
            return;
        }

        if (_imports.TryGetValue(id.Name, out var imp))
        {
            imp.Used = true;
            id.Kind = RefKind.Import;
            id.Target = imp.Path;
            return;
        }

        var name = id.Name.StartsWith("__", StringComparison.Ordinal) ? id.Name[2..] : id.Name;
        if (Predeclared.Contains(name))
        {
            id.Kind = RefKind.Predeclared;
            id.Target = name;
            return;
        }

        Error(id.Pos, $"reference \"{id.Name}\" not found");
    }

    public override string ToString() => _fileName;
}
