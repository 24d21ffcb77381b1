using Dagger.Runtime.Cue.Builtins;
using Dagger.Runtime.Cue.Core;
using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Cue.Export;
using Dagger.Runtime.Cue.Syntax;

namespace Dagger.Runtime.Cue.Load;

/// <summary>
/// Finds, parses and compiles the files of CUE instances and of the packages they import (CUE-NOTES §8):
/// builtin packages, the module's own packages and <c>cue.mod/{gen,pkg,usr}</c>, from disk and an overlay.
/// </summary>
internal sealed class Loader
{
    private static readonly string[] VendorDirs = ["gen", "pkg", "usr"];

    private readonly string _cwd;
    private readonly SourceFs _fs;
    private readonly Dictionary<string, SourceText> _sources;
    private readonly Dictionary<string, Value> _packages = new(StringComparer.Ordinal);
    private readonly List<string> _loading = [];
    private readonly BuildTags _tags;
    private string? _moduleRoot;
    private string _modulePath = "";
    private bool _moduleRead;
    private readonly LabelTable _names;

    public Loader(Evaluator ev, string cwd, IReadOnlyDictionary<string, string>? overlay = null, Dictionary<string, SourceText>? sources = null, IReadOnlyList<string>? tags = null)
    {
        _names = ev.Names;
        _sources = sources ?? [];
        _cwd = cwd;
        _fs = new SourceFs(cwd, overlay);
        _tags = new BuildTags(tags ?? []);
        ev.Imports = path => _packages.GetValueOrDefault(path);
    }

    /// <summary>
    /// Loads the instances named on a command line: either files (all arguments end in <c>.cue</c>; one
    /// instance), or packages (one instance each): a directory (<c>.</c>, <c>./sub</c>) or an import path, each
    /// optionally followed by <c>:name</c> to pick one of several packages in the directory.
    /// </summary>
    public IReadOnlyList<Vertex> LoadInstances(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            args = ["."];
        }

        var files = args.Where(IsFileArg).ToList();
        if (files.Count > 0 && files.Count < args.Count)
        {
            var pkg = args.First(a => !IsFileArg(a));
            throw Error($"cannot mix files and packages on one command line: \"{files[0]}\" and \"{pkg}\"");
        }

        if (files.Count > 0)
        {
            var sources = new List<(string, string)>();
            foreach (var a in files)
            {
                var full = Path.GetFullPath(a, _cwd);
                if (!_fs.FileExists(full))
                {
                    throw Error($"cannot find file {a}");
                }

                sources.Add((a, _fs.ReadAllText(full)));
            }

            return BuildAll([(Parse(sources), "")]);
        }

        return BuildAll(args.Select(LoadPackageArg).ToList());
    }

    // Tags are injected into the instances' own files (not their imports) before anything is compiled.
    private List<Vertex> BuildAll(List<(List<SourceFile> Files, string PkgPath)> instances)
    {
        _tags.Inject(instances.SelectMany(i => i.Files));
        var built = instances.Select(i => Build(i.Files, InstanceId(i.Files, i.PkgPath), null)).ToList();
        _tags.CheckUsed();
        return built;
    }

    // What v0.4 scopes an instance's hidden fields to, and prints after them (`_h(example.com:foo)`): the import
    // path, qualified by the package name unless the path ends with it; nothing outside a package.
    private static string InstanceId(List<SourceFile> files, string importPath)
    {
        var name = files.Select(f => f.Package).FirstOrDefault(p => p is not null && p != "_");
        if (name is null)
        {
            return "";
        }

        var last = importPath[(importPath.LastIndexOf('/') + 1)..];
        return last == name ? importPath : $"{importPath}:{name}";
    }

    /// <summary>Compiles in-memory sources into one instance.</summary>
    public Vertex LoadSources(IReadOnlyList<(string Name, string Text)> files) => Build(Parse(files), "", null);

    private static bool IsFileArg(string a) => a.EndsWith(".cue", StringComparison.Ordinal);

    private static CueEvalException Error(string message, Pos pos = default, CueErrorKind kind = CueErrorKind.Package) =>
        new([new CueError("", message, pos, []) { Kind = kind }], false);

    private static bool IsSourceFile(string path)
    {
        var n = Path.GetFileName(path);
        return !n.StartsWith('_') && !n.StartsWith('.') && !n.EndsWith("_test.cue", StringComparison.Ordinal) && !n.EndsWith("_tool.cue", StringComparison.Ordinal);
    }

    private (List<SourceFile> Files, string PkgPath) LoadPackageArg(string arg)
    {
        var (path, name) = SplitName(arg);
        List<string> dirs;
        string pkgPath;
        if (path.StartsWith('.') || Path.IsPathRooted(path))
        {
            var dir = Path.GetFullPath(path, _cwd);
            if (!_fs.DirectoryExists(dir))
            {
                throw Error($"cannot find package \"{path}\"", default, CueErrorKind.Import);
            }

            dirs = [dir];
            pkgPath = ImportPathOf(dir);
        }
        else
        {
            dirs = Packages.IsBuiltinPath(path) ? [] : PackageDirs(path).Where(_fs.DirectoryExists).ToList();
            if (dirs.Count == 0)
            {
                throw Error($"cannot find package \"{path}\"", default, CueErrorKind.Import);
            }

            pkgPath = path;
            name ??= Packages.DefaultName(path);
        }

        var leaf = Parse(dirs.SelectMany(d => _fs.CueFiles(d)).Where(IsSourceFile).Select(Source).ToList());
        if (leaf.Count == 0)
        {
            throw Error($"no CUE files in {path}");
        }

        if (name is null)
        {
            var named = leaf.Where(f => f.Package is not (null or "_")).ToList();
            var names = named.Select(f => f.Package!).Distinct().ToList();
            if (names.Count > 1)
            {
                var a = named.First(f => f.Package == names[0]);
                var b = named.First(f => f.Package == names[1]);
                throw Error($"found packages \"{names[0]}\" ({Path.GetFileName(a.Name)}) and {names[1]} ({Path.GetFileName(b.Name)}) in \"{path}\"; select one with {path}:{names[0]}");
            }

            name = names.Count == 1 ? names[0] : "_";
        }

        var files = InLoadOrder(name == "_" ? leaf.Where(f => f.Package is null or "_").ToList() : leaf.Where(f => f.Package == name).Concat(AncestorFiles(dirs, name)).ToList());
        if (files.Count == 0)
        {
            var why = leaf.Select(f => $"\n    {f.Name}: " + (f.Package is null ? "no package name" : $"package is {f.Package}, want {name}"));
            throw Error($"no CUE files of package {name} in \"{path}\"" + (leaf.Count > 0 ? ":" + string.Concat(why) : ""));
        }

        return (files, pkgPath);
    }

    private static (string Path, string? Name) SplitName(string arg)
    {
        var colon = arg.LastIndexOf(':');
        if (colon <= 0 || colon == arg.Length - 1 || arg[(colon + 1)..].Contains('/') || (colon == 1 && Path.IsPathRooted(arg)))
        {
            return (arg, null);
        }

        return (arg[..colon], arg[(colon + 1)..]);
    }

    /// <summary>The import path of a directory inside the module, which scopes its hidden fields.</summary>
    private string ImportPathOf(string dir)
    {
        ReadModule();
        if (_moduleRoot is null || _modulePath.Length == 0)
        {
            return "";
        }

        var rel = Path.GetRelativePath(_moduleRoot, dir).Replace(Path.DirectorySeparatorChar, '/');
        return rel == "." ? _modulePath : rel.StartsWith("..", StringComparison.Ordinal) ? "" : _modulePath + "/" + rel;
    }

    /// <summary>The directories an import path may name: inside the module, or in <c>cue.mod/{gen,pkg,usr}</c>
    /// (merged into one package).</summary>
    private List<string> PackageDirs(string bare)
    {
        ReadModule();
        var root = _moduleRoot ?? _cwd;
        if (_modulePath.Length > 0 && (bare == _modulePath || bare.StartsWith(_modulePath + "/", StringComparison.Ordinal)))
        {
            return [Path.Combine(root, bare[_modulePath.Length..].TrimStart('/'))];
        }

        return [.. VendorDirs.Select(sub => Path.Combine(root, "cue.mod", sub, bare))];
    }

    /// <summary>
    /// The reference's file order, which decides the order of the package's fields: it reads the package's folder,
    /// then each parent folder up to the module root, and then sorts the files, parents first, with Go's unstable
    /// sort (so files of one folder can change places).
    /// </summary>
    private List<SourceFile> InLoadOrder(List<SourceFile> readOrder)
    {
        var depth = readOrder.ToDictionary(f => f, f => Path.GetDirectoryName(Path.GetFullPath(Path.Combine(_cwd, f.Name)))?.Length ?? 0);
        GoSort.Slice(readOrder, (a, b) => depth[a] < depth[b]);
        return readOrder;
    }

    /// <summary>Files of package <paramref name="name"/> in the ancestors of a module directory, up to the module
    /// root, nearest first (none for directories under <c>cue.mod</c>).</summary>
    private List<SourceFile> AncestorFiles(List<string> dirs, string name)
    {
        ReadModule();
        var root = _moduleRoot ?? _cwd;
        if (dirs.Count != 1 || dirs[0] == root || !dirs[0].StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || dirs[0].StartsWith(Path.Combine(root, "cue.mod") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return [];
        }

        var chain = new List<string>();
        for (var cur = Path.GetDirectoryName(dirs[0]); cur is not null && cur.Length >= root.Length; cur = Path.GetDirectoryName(cur))
        {
            chain.Add(cur);
            if (cur == root)
            {
                break;
            }
        }

        return Parse(chain.SelectMany(d => _fs.CueFiles(d)).Where(IsSourceFile).Select(Source).ToList()).Where(f => f.Package == name).ToList();
    }

    private (string, string) Source(string fullPath) => (Path.GetRelativePath(_cwd, fullPath), _fs.ReadAllText(fullPath));

    /// <summary>Parses the sources, leaving out the files whose <c>@if</c> does not hold.</summary>
    private List<SourceFile> Parse(IReadOnlyList<(string Name, string Text)> sources)
    {
        var parsed = new List<SourceFile>();
        var errors = new List<CueError>();
        foreach (var (name, text) in sources)
        {
            // Kept before parsing, so that a syntax error's position can be shown as a span too.
            _sources[name] = new SourceText(name, text);
            try
            {
                var f = Parser.ParseFile(name, text);
                if (_tags.Includes(f))
                {
                    parsed.Add(f);
                }
            }
            catch (CueSyntaxException e)
            {
                errors.Add(new CueError(e.Path, e.Reason, e.Pos, []) { Kind = CueErrorKind.Syntax });
            }
        }

        if (errors.Count > 0)
        {
            throw new CueEvalException(errors, false);
        }

        return parsed;
    }

    private Vertex Build(List<SourceFile> parsed, string pkgPath, string? wantPackage)
    {
        if (wantPackage is not null)
        {
            parsed = parsed.Where(f => f.Package == wantPackage).ToList();
        }

        var named = parsed.Where(f => f.Package is not null && f.Package != "_").Select(f => f.Package!).Distinct().ToList();
        if (named.Count > 1)
        {
            var a = parsed.First(f => f.Package == named[0]);
            var b = parsed.First(f => f.Package == named[1]);
            throw Error($"found packages \"{named[0]}\" ({Path.GetFileName(a.Name)}) and {named[1]} ({Path.GetFileName(b.Name)})");
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

        var errors = new List<CueError>();
        var root = new Vertex(null, Labels.None);
        foreach (var f in parsed)
        {
            var scope = new FileScope { Package = pkgPath };
            foreach (var imp in f.Imports)
            {
                scope.Imports[imp.Path] = Import(imp);
            }

            List<CueError> errs;
            try
            {
                errs = Compiler.Compile(_names, f, pkgPath, fields, Packages.DefaultName);
            }
            catch (CueSyntaxException e)
            {
                errs = [new CueError("", e.Reason, e.Pos, [])];
            }

            if (f.Package is not null && f.Package != "_")
            {
                errs.AddRange(f.Imports.Where(i => !i.Used).Select(i => new CueError("", $"imported and not used: \"{i.Path}\"", i.Pos, [])));
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
            throw new CueEvalException(errors, false);
        }

        return root;
    }

    private Value Import(ImportSpec imp)
    {
        var path = imp.Path;
        if (_packages.TryGetValue(path, out var done))
        {
            return done;
        }

        if (path.StartsWith('.') || path.StartsWith('/'))
        {
            throw Error($"import path \"{path}\" must not be relative or absolute", imp.Pos, CueErrorKind.Import);
        }

        var colon = path.IndexOf(':', StringComparison.Ordinal);
        var bare = colon >= 0 ? path[..colon] : path;
        if (Packages.IsBuiltinPath(bare))
        {
            var p = Packages.Get(path, _names);
            if (p is null)
            {
                throw Error(Packages.All.Contains(path) ? $"builtin package \"{path}\" is not supported by this CUE implementation" : $"package \"{path}\" not found", imp.Pos);
            }

            _packages[path] = p;
            return p;
        }

        if (_loading.Contains(path))
        {
            var cycle = _loading.SkipWhile(p => p != path).Append(path);
            throw Error($"import cycle not allowed: {string.Join(" imports ", cycle)}", imp.Pos, CueErrorKind.Import);
        }

        _loading.Add(path);
        try
        {
            var want = Packages.DefaultName(path);
            var dirs = PackageDirs(bare).Where(_fs.DirectoryExists).ToList();
            var files = new List<SourceFile>();
            foreach (var d in dirs)
            {
                files.AddRange(Parse(_fs.CueFiles(d).Where(IsSourceFile).Select(Source).ToList()));
                files.AddRange(AncestorFiles([d], want));
            }

            // Only the package's own files take part in the reference's sort.
            if (files.Any(f => f.Package == want))
            {
                files = InLoadOrder(files.Where(f => f.Package == want).ToList());
            }

            if (files.Count == 0)
            {
                throw Error($"cannot find package \"{path}\"", imp.Pos, CueErrorKind.Import);
            }

            var pkgRoot = Build(files, bare, want);
            if (pkgRoot.Conjuncts.Count == 0)
            {
                throw Error($"cannot find package \"{path}\" (no files of package {want})", imp.Pos, CueErrorKind.Import);
            }

            _packages[path] = pkgRoot;
            return pkgRoot;
        }
        finally
        {
            _loading.RemoveAt(_loading.Count - 1);
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
            if (_fs.DirectoryExists(cm) || _fs.FileExists(cm))
            {
                _moduleRoot = d;
                var mf = _fs.DirectoryExists(cm) ? Path.Combine(cm, "module.cue") : cm;
                if (_fs.FileExists(mf))
                {
                    var f = Parser.ParseFile(Path.GetRelativePath(_cwd, mf), _fs.ReadAllText(mf));
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
