using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;

namespace Dagger.Cue.UnitTests.Unit;

[TestClass]
public sealed class LoaderTests
{
    private static string MakeModule(Dictionary<string, string> files)
    {
        var root = Path.Combine(Path.GetTempPath(), "cue-loader-" + Guid.NewGuid().ToString("N"));
        foreach (var (rel, text) in files)
        {
            var full = Path.Combine(root, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return root;
    }

    [TestMethod]
    public void ImportsModulePackagesAndCueModPackages()
    {
        var root = MakeModule(new()
        {
            ["cue.mod/module.cue"] = "module: \"example.com/m\"\n",
            ["lib/lib.cue"] = "package lib\n#Name: string\n_secret: 1\ngreeting: \"hello\"\n",
            ["cue.mod/pkg/ext.org/t/a.cue"] = "package t\n#T: {a: int}\n",
            ["cue.mod/usr/ext.org/t/b.cue"] = "package t\n#T: {b: int}\n",
            ["main.cue"] = "package main\nimport (\n\"example.com/m/lib\"\n\"ext.org/t\"\n)\nname: lib.#Name & \"x\"\ng: lib.greeting\nv: t.#T & {a: 1, b: 2}\n",
        });
        try
        {
            var json = CueContext.RunWithLargeStack(() => new CueContext().Load(root, ["main.cue"]).ToJson(indent: false));
            Assert.AreEqual("""{"name":"x","g":"hello","v":{"a":1,"b":2}}""", json);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [TestMethod]
    public void HiddenFieldsArePackageScoped()
    {
        var root = MakeModule(new()
        {
            ["cue.mod/module.cue"] = "module: \"example.com/m\"\n",
            ["lib/lib.cue"] = "package lib\n_h: 1\nh: _h\n",
            ["main.cue"] = "package main\nimport \"example.com/m/lib\"\n_h: 2\nx: lib.h\ny: _h\n",
        });
        try
        {
            var json = CueContext.RunWithLargeStack(() => new CueContext().Load(root, ["main.cue"]).ToJson(indent: false));
            Assert.AreEqual("""{"x":1,"y":2}""", json);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [TestMethod]
    public void FilesOfOneNamedPackageShareTopLevelScopeAndOrder()
    {
        var root = MakeModule(new()
        {
            ["a.cue"] = "package p\na: 1\nb: c + 1\n",
            ["b.cue"] = "package p\nc: 3\n",
        });
        try
        {
            var json = CueContext.RunWithLargeStack(() => new CueContext().Load(root, ["a.cue", "b.cue"]).ToJson(indent: false));
            Assert.AreEqual("""{"a":1,"c":3,"b":4}""", json);
            var e = Assert.ThrowsExactly<CueEvalException>(() => CueContext.RunWithLargeStack(() => new CueContext().Load(root, ["a.cue", "missing.cue"]).ToJson()));
            StringAssert.Contains(e.Message, "missing.cue");
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [TestMethod]
    public void UnusedImportAndUnknownPackageAreErrors()
    {
        var root = MakeModule(new()
        {
            ["u.cue"] = "package p\nimport \"strings\"\na: 1\n",
            ["n.cue"] = "import \"nope/nothing\"\na: 1\n",
        });
        try
        {
            var e1 = Assert.ThrowsExactly<CueEvalException>(() => new CueContext().Load(root, ["u.cue"]));
            StringAssert.Contains(e1.Message, "imported and not used: \"strings\"");
            var e2 = Assert.ThrowsExactly<CueEvalException>(() => new CueContext().Load(root, ["n.cue"]));
            StringAssert.Contains(e2.Message, "package \"nope/nothing\" not found");
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [TestMethod]
    public void TagsSelectFilesOfImportsAndMustBeUsed()
    {
        var root = MakeModule(new()
        {
            ["cue.mod/module.cue"] = "module: \"example.com/m\"\n",
            ["lib/a.cue"] = "package lib\nlevel: *\"info\" | string\n",
            ["lib/b.cue"] = "@if(debug)\npackage lib\nlevel: \"debug\"\n",
            ["main.cue"] = "package main\nimport \"example.com/m/lib\"\nlevel: lib.level\n",
        });
        try
        {
            string Json(params string[] tags) =>
                CueContext.RunWithLargeStack(() => new CueContext().LoadInstances(root, ["."], tags: tags)[0].ToJson(indent: false));

            Assert.AreEqual("""{"level":"info"}""", Json());
            Assert.AreEqual("""{"level":"debug"}""", Json("debug"));
            var unused = Assert.Throws<CueEvalException>(() => Json("verbose"));
            Assert.AreEqual("tag \"verbose\" not used in any file", unused.Message);
            var noTag = Assert.Throws<CueEvalException>(() => Json("level=x"));
            Assert.AreEqual("no tag for \"level\"", noTag.Message);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}
