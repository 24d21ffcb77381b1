namespace Dagger.Cue.UnitTests.Unit;

[TestClass]
public sealed class BuiltinTests
{
    [TestMethod]
    public void Len() => Assert.AreEqual("""{"a":6,"b":2,"c":1,"d":3}""", CueRun.Json("a: len(\"héllo\")\nb: len([1, 2])\nc: len({x: 1, #y: 2, _z: 3})\nd: len('abc')"));

    [TestMethod]
    public void Strings() => Assert.AreEqual(
        """{"a":"a-b","b":["a","b"],"c":true,"d":"ABC","e":2,"f":"xx"}""",
        CueRun.Json("import \"strings\"\na: strings.Join([\"a\", \"b\"], \"-\")\nb: strings.Split(\"a,b\", \",\")\nc: strings.HasPrefix(\"abc\", \"a\")\nd: strings.ToUpper(\"abc\")\ne: strings.Index(\"héllo\", \"l\") - 1\nf: strings.Repeat(\"x\", 2)"));

    [TestMethod]
    public void ValidatorFromPartialCall()
    {
        Assert.AreEqual("""{"a":"abc"}""", CueRun.Json("import \"strings\"\na: strings.MinRunes(3) & \"abc\""));
        Assert.IsFalse(CueRun.Error("import \"strings\"\na: strings.MinRunes(3) & \"ab\"").Incomplete);
    }

    [TestMethod]
    public void List() => Assert.AreEqual(
        """{"a":[1,2,3],"b":6,"c":[1,2,[3]],"d":[0,2,4],"e":3.5}""",
        CueRun.Json("import \"list\"\na: list.Sort([3, 1, 2], list.Ascending)\nb: list.Sum([1, 2, 3])\nc: list.FlattenN([1, [2, [3]]], 1)\nd: list.Range(0, 5, 2)\ne: list.Sum([1, 2.5])"));

    [TestMethod]
    public void Math() => Assert.AreEqual(
        """{"a":2,"b":-3,"c":3,"d":1024,"e":true}""",
        CueRun.Json("import \"math\"\na: math.Floor(2.9)\nb: math.Floor(-2.2)\nc: math.Round(2.5)\nd: math.Pow(2, 10)\ne: math.MultipleOf(5, 2.5)"));

    [TestMethod]
    public void Json() => Assert.AreEqual(
        """{"a":"{\"b\":1,\"a\":\"\\u003cx\\u003e\",\"c\":[1.5,2E+3,null]}","u":{"x":[1,2.0]}}""",
        CueRun.Json("import \"encoding/json\"\na: json.Marshal({b: 1, a: \"<x>\", c: [1.5, 2e3, null]})\nu: json.Unmarshal(\"{\\\"x\\\": [1, 2.0]}\")"));

    [TestMethod]
    public void YamlUnmarshalUsesCoreSchema() =>
        Assert.AreEqual("""{"a":{"x":"yes","y":16,"z":true}}""", CueRun.Json("import \"encoding/yaml\"\na: yaml.Unmarshal(\"x: yes\\ny: 0x10\\nz: true\")"));

    [TestMethod]
    public void Base64AndRegexp() => Assert.AreEqual(
        """{"a":"aGk=","b":{"h":"x"},"c":true}""",
        CueRun.Json("import (\n\"encoding/base64\"\n\"regexp\"\n)\na: base64.Encode(null, \"hi\")\nb: regexp.FindNamedSubmatch(#\"^(?P<h>\\w+)$\"#, \"x\")\nc: \"a1\" =~ #\"^\\w\\d$\"#"));

    [TestMethod]
    public void StrconvAndStruct() => Assert.AreEqual(
        """{"a":42,"b":"ff","c":{"x":1}}""",
        CueRun.Json("import (\n\"strconv\"\n\"struct\"\n)\na: strconv.Atoi(\"42\")\nb: strconv.FormatInt(255, 16)\nc: struct.MaxFields(1) & {x: 1}"));

    [TestMethod]
    public void Sha2VariantsMatchFips180Vectors() => Assert.AreEqual(
        """{"a":"23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7","b":"53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23","c":"4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa"}""",
        CueRun.Json("import (\n\"crypto/sha256\"\n\"crypto/sha512\"\n\"encoding/hex\"\n)\na: hex.Encode(sha256.Sum224(\"abc\"))\nb: hex.Encode(sha512.Sum512_256(\"abc\"))\nc: hex.Encode(sha512.Sum512_224(\"abc\"))"));

    [TestMethod]
    public void TabwriterAndTemplate()
    {
        Assert.AreEqual(
            """{"t":"a   b  c\naaa bb vv\n","s":"foo-x"}""",
            CueRun.Json("import (\n\"text/tabwriter\"\n\"text/template\"\n)\nt: tabwriter.Write([\"a\\tb\\tc\", \"aaa\\tbb\\tvv\"])\ns: template.Execute(\"{{.}}-{{.a.b}}\", \"foo\") | template.Execute(\"foo-{{.a.b}}\", {a: b: \"x\"})"));
        Assert.AreEqual(
            """{"t":"[1][2]"}""",
            CueRun.Json("import \"text/template\"\nt: template.Execute(\"{{range .}}[{{.}}]{{end}}\", [1, 2])"));
    }

    [TestMethod]
    public void PathForUnixAndWindows() => Assert.AreEqual(
        """{"a":"a/c","b":"c:\\x","c":["/a/","b"],"d":"//host/share","e":true,"f":"/x/y"}""",
        CueRun.Json("import \"path\"\na: path.Join([\"a\", \"b\", \"..\", \"c\"])\nb: path.Clean(\"c:/x/y/..\", path.Windows)\nc: path.Split(\"/a/b\")\nd: path.VolumeName(\"//host/share/foo\", \"windows\")\ne: path.IsAbs(\"c:\\\\\", path.Windows)\nf: path.Resolve(\"/a\", \"/x/./y\")"));
}
