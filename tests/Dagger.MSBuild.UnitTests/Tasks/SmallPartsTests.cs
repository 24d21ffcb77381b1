using System.Reflection;
using Dagger.MSBuild.Json;

namespace Dagger.MSBuild.UnitTests.Tasks;

/// <summary>The task assembly's own JSON reader, the MSBuild-safe text, and what the assembly references.</summary>
[TestClass]
public sealed class SmallPartsTests
{
    [TestMethod]
    public void The_json_reader_reads_the_shapes_of_the_event_stream()
    {
        Assert.IsTrue(JsonReader.TryParse("""{"a":[1,-2.5e3,true,false,null],"b":"x\"\\\/\n\u00e9\ud83d\ude00","c":{}}""", out var value));
        var fields = (IReadOnlyDictionary<string, object?>)value!;
        var list = (IReadOnlyList<object?>)fields["a"]!;
        Assert.AreEqual("1", ((JsonNumber)list[0]!).Text);
        Assert.AreEqual(-2500d, ((JsonNumber)list[1]!).AsDouble());
        Assert.AreEqual(true, list[2]);
        Assert.AreEqual(false, list[3]);
        Assert.IsNull(list[4]);
        Assert.AreEqual("x\"\\/\né😀", fields["b"]);
        Assert.AreEqual(0, ((IReadOnlyDictionary<string, object?>)fields["c"]!).Count);
        Assert.AreEqual("""{"a":[1,-2.5e3,true,false,null],"b":"x\"\\/\né😀","c":{}}""", JsonWriter.Write(value));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("{")]
    [DataRow("{\"a\":}")]
    [DataRow("[1,]")]
    [DataRow("\"unterminated")]
    [DataRow("{} trailing")]
    [DataRow("01")]
    [DataRow("\"bad \\x escape\"")]
    [DataRow("tru")]
    public void The_json_reader_refuses_what_is_not_one_json_value(string text) =>
        Assert.IsFalse(JsonReader.TryParse(text, out _));

    [TestMethod]
    public void The_json_reader_refuses_nesting_deeper_than_it_allows() =>
        Assert.IsFalse(JsonReader.TryParse(new string('[', 100) + new string(']', 100), out _));

    [TestMethod]
    public void MSBuild_text_escapes_every_character_MSBuild_gives_a_meaning_to_and_reads_it_back()
    {
        const string text = "a;b%c$(d)@(e)'f'?*\\g~h \"i\"";
        var encoded = MSBuildText.Encode(text);
        Assert.AreEqual("a~3Bb~25c~24(d)~40(e)~27f~27~3F~2A~5Cg~7Eh \"i\"", encoded);
        Assert.AreEqual(text, MSBuildText.Decode(encoded));
        Assert.IsNull(MSBuildText.Decode("bad ~Z1"));
        Assert.IsNull(MSBuildText.Decode("cut ~4"));
    }

    [TestMethod]
    public void The_task_assembly_references_only_msbuild_and_the_framework()
    {
        var references = typeof(DaggerUp).Assembly.GetReferencedAssemblies();

        var msbuild = references.Where(r => r.Name!.StartsWith("Microsoft.Build", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEquivalent(new[] { "Microsoft.Build.Framework", "Microsoft.Build.Utilities.Core" }, msbuild.Select(r => r.Name).ToList());
        // MSBuild's assemblies keep the version 15.1.0.0 in every release, so the task binds to any MSBuild.
        Assert.IsTrue(msbuild.All(r => r.Version == new Version(15, 1, 0, 0)), string.Join(", ", msbuild));
        var others = references.Except(msbuild).Where(r => !IsFramework(r)).Select(r => r.FullName).ToList();
        Assert.AreEqual(0, others.Count, string.Join(", ", others));
    }

    private static bool IsFramework(AssemblyName name) =>
        name.Name is "mscorlib" or "netstandard" or "System" || name.Name!.StartsWith("System.", StringComparison.Ordinal);
}
