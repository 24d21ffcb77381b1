using Dagger.Runtime.Cue.Builtins;
using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Export;
using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Load;

/// <summary>
/// Finds, parses and compiles the files of a CUE instance and of the packages it imports (CUE-NOTES §8):
/// builtin packages, the module's own packages and <c>cue.mod/{gen,pkg,usr}</c>.
/// </summary>
internal sealed class Loader
{
    private readonly Evaluator _ev;
    private readonly string _cwd;
    private readonly Dictionary<string, Value> _packages = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loading = new(StringComparer.Ordinal);
    private string? _moduleRoot;
    private string _modulePath = "";
    private bool _moduleRead;

    public Loader(Evaluator ev, string cwd)
    {
        _ev = ev;
        _cwd = cwd;
        ev.Imports = path => _packages.GetValueOrDefault(path);
    }

    /// <summary>Loads files given on the command line (file mode) or directories (package mode).</summary>
    public Vertex LoadArgs(IReadOnlyList<string> args)
    {
        var files = new List<(string Name, string Text)>();
        if (args.Count == 0)
        {
            args = ["."];
        }

        foreach (var a in args)
        {
            var full = Path.GetFullPath(a, _cwd);
            if (Directory.Exists(full))
            {
                foreach (var f in PackageFiles(full))
                {
                    files.Add((Path.GetRelativePath(_cwd, f), File.ReadAllText(f)));
                }
            }
            else if (File.Exists(full))
            {
                files.Add((a, File.ReadAllText(full)));
            }
            else
            {
                throw new CueEvalException($"cannot find package or file {a}", false);
            }
        }

        if (files.Count == 0)
        {
            throw new CueEvalException("no CUE files found", false);
        }

        return Build(files, "", null);
    }

    /// <summary>Compiles in-memory sources into one instance.</summary>
    public Vertex LoadSources(IReadOnlyList<(string Name, string Text)> files) => Build(files, "", null);

    private static IEnumerable<string> PackageFiles(string dir) =>
        Directory.GetFiles(dir, "*.cue")
            .Where(f =>
            {
                var n = Path.GetFileName(f);
                return !n.StartsWith('_') && !n.StartsWith('.') && !n.EndsWith("_test.cue", StringComparison.Ordinal) && !n.EndsWith("_tool.cue", StringComparison.Ordinal);
            })
            .Order(StringComparer.Ordinal);

    private Vertex Build(IReadOnlyList<(string Name, string Text)> sources, string pkgPath, string? wantPackage)
    {
        var parsed = new List<SourceFile>();
        var errors = new List<string>();
        foreach (var (name, text) in sources)
        {
            try
            {
                parsed.Add(Parser.ParseFile(name, text));
            }
            catch (CueSyntaxException e)
            {
                errors.Add(e.Message);
            }
        }

        if (errors.Count > 0)
        {
            throw new CueEvalException(string.Join("\n", errors), false);
        }

        if (wantPackage is not null)
        {
            parsed = parsed.Where(f => f.Package == wantPackage).ToList();
        }

        var named = parsed.Where(f => f.Package is not null && f.Package != "_").Select(f => f.Package!).Distinct().ToList();
        if (named.Count > 1)
        {
            var a = parsed.First(f => f.Package == named[0]);
            var b = parsed.First(f => f.Package == named[1]);
            throw new CueEvalException($"found packages \"{named[0]}\" ({Path.GetFileName(a.Name)}) and {named[1]} ({Path.GetFileName(b.Name)})", false);
        }

        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in parsed)
        {
            foreach (var d in f.Root.Decls)
            {
                if (d is Field { Label.IsIdent: true, Optional: false } fd)
                {
                    fields.Add(fd.Label.Name);
                }
                else if (d is Field { Alias: { } alias })
                {
                    fields.Add(alias);
                }
            }
        }

        var root = new Vertex(null, Labels.None);
        foreach (var f in parsed)
        {
            var scope = new FileScope { Package = pkgPath };
            foreach (var imp in f.Imports)
            {
                scope.Imports[imp.Path] = Import(imp, f.Name);
            }

            List<string> errs;
            try
            {
                errs = Compiler.Compile(f, pkgPath, fields, ImportName);
            }
            catch (CueSyntaxException e)
            {
                errs = [e.Message];
            }

            if (f.Package is not null && f.Package != "_")
            {
                foreach (var imp in f.Imports.Where(i => !i.Used))
                {
                    errs.Add($"imported and not used: \"{imp.Path}\": {imp.Pos}");
                }
            }

            if (errs.Count > 0)
            {
                errors.AddRange(errs);
                continue;
            }

            root.Conjuncts.Add(new Conjunct(new Env(null, root) { File = scope }, f.Root, null));
            root.Attributes ??= [];
            root.Attributes.AddRange(f.Attributes);
        }

        if (errors.Count > 0)
        {
            throw new CueEvalException(string.Join("\n", errors), false);
        }

        return root;
    }

    private string ImportName(string path)
    {
        var colon = path.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            return path[(colon + 1)..];
        }

        if (_packages.TryGetValue(path, out var v) && v is Vertex { Attributes: not null } pv && _declaredNames.TryGetValue(pv, out var n))
        {
            return n;
        }

        return Packages.DefaultName(path);
    }

    private readonly Dictionary<Vertex, string> _declaredNames = new(ReferenceEqualityComparer.Instance);

    private Value Import(ImportSpec imp, string file)
    {
        var path = imp.Path;
        if (_packages.TryGetValue(path, out var done))
        {
            return done;
        }

        if (path.StartsWith('.') || path.StartsWith('/'))
        {
            throw new CueEvalException($"{file}: import path \"{path}\" must not be relative or absolute: {imp.Pos}", false);
        }

        if (Packages.IsBuiltinPath(path.Split(':')[0]))
        {
            var p = Packages.Get(path);
            if (p is null)
            {
                throw new CueEvalException(Packages.All.Contains(path)
                    ? $"builtin package \"{path}\" is not supported by this CUE implementation: {imp.Pos}"
                    : $"package \"{path}\" not found: {imp.Pos}", false);
            }

            _packages[path] = p;
            return p;
        }

        if (!_loading.Add(path))
        {
            throw new CueEvalException($"import cycle: \"{path}\": {imp.Pos}", false);
        }

        try
        {
            ReadModule();
            var bare = path;
            var want = Packages.DefaultName(path);
            var colon = path.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                bare = path[..colon];
            }

            var dirs = new List<string>();
            var root = _moduleRoot ?? _cwd;
            if (_modulePath.Length > 0 && (bare == _modulePath || bare.StartsWith(_modulePath + "/", StringComparison.Ordinal)))
            {
                dirs.Add(Path.Combine(root, bare[_modulePath.Length..].TrimStart('/')));
            }
            else
            {
                foreach (var sub in new[] { "gen", "pkg", "usr" })
                {
                    dirs.Add(Path.Combine(root, "cue.mod", sub, bare));
                }
            }

            var files = new List<(string, string)>();
            foreach (var d in dirs.Where(Directory.Exists))
            {
                // Files of the same package in ancestor directories up to the module root come first.
                var chain = new List<string>();
                for (var cur = Path.GetDirectoryName(d); cur is not null && cur.Length >= root.Length && !cur.EndsWith("cue.mod", StringComparison.Ordinal); cur = Path.GetDirectoryName(cur))
                {
                    if (dirs[0].StartsWith(Path.Combine(root, "cue.mod"), StringComparison.Ordinal))
                    {
                        break;
                    }

                    chain.Insert(0, cur);
                    if (cur == root)
                    {
                        break;
                    }
                }

                foreach (var c in chain)
                {
                    foreach (var f in PackageFiles(c))
                    {
                        files.Add((Path.GetRelativePath(_cwd, f), File.ReadAllText(f)));
                    }
                }

                foreach (var f in PackageFiles(d))
                {
                    files.Add((Path.GetRelativePath(_cwd, f), File.ReadAllText(f)));
                }
            }

            if (files.Count == 0)
            {
                throw new CueEvalException($"cannot find package \"{path}\": {imp.Pos}", false);
            }

            var pkgRoot = Build(files, bare, want);
            if (pkgRoot.Conjuncts.Count == 0)
            {
                throw new CueEvalException($"cannot find package \"{path}\" (no files of package {want}): {imp.Pos}", false);
            }

            _packages[path] = pkgRoot;
            return pkgRoot;
        }
        finally
        {
            _loading.Remove(path);
        }
    }

    private void ReadModule()
    {
        if (_moduleRead)
        {
            return;
        }

        _moduleRead = true;
        for (var d = _cwd; d is not null; d = Path.GetDirectoryName(d))
        {
            if (Path.GetFileName(d) == "cue.mod")
            {
                return;
            }

            var cm = Path.Combine(d, "cue.mod");
            if (Directory.Exists(cm) || File.Exists(cm))
            {
                _moduleRoot = d;
                var mf = Directory.Exists(cm) ? Path.Combine(cm, "module.cue") : cm;
                if (File.Exists(mf))
                {
                    var f = Parser.ParseFile(mf, File.ReadAllText(mf));
                    foreach (var decl in f.Root.Decls)
                    {
                        if (decl is Field { Label.Name: "module", Value: BasicLit { Kind: LitKind.String, Value: string m } })
                        {
                            _modulePath = m;
                        }
                    }
                }

                return;
            }
        }
    }
}
