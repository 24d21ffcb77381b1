using System.Text;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Exports;
using Dagger.Runtime.Engine.Ops;

namespace Dagger.Engine.UnitTests.Exports;

[TestClass]
public sealed class ExportReaderTests
{
    private static string Read(ExportFormat format, string content) =>
        ExportReader.Read(new ExportOp(new OpSource("t.#up[2]", "plan.cue:9:3"), "/out", format), Encoding.UTF8.GetBytes(content)).Json;

    [TestMethod]
    public void Text_is_kept_as_it_is_including_white_space()
    {
        Assert.AreEqual("\"something\\n\"", Read(ExportFormat.Text, "something\n"));
        Assert.AreEqual("\"  lol1 \"", Read(ExportFormat.Text, "  lol1 "));
    }

    [TestMethod]
    public void Json_exports_keep_structure_and_number_kinds()
    {
        Assert.AreEqual("true", Read(ExportFormat.Json, "true\n"));
        Assert.AreEqual("{\"something\": \"something\"}", Read(ExportFormat.Json, "{\"something\": \"something\"}\n"));
        Assert.AreEqual("[\"milk\",\"eggs\"]", Read(ExportFormat.Json, "[\"milk\",\"eggs\"]"));
        Assert.AreEqual("-123.5", Read(ExportFormat.Json, "-123.5\n"));
        Assert.AreEqual("42", Read(ExportFormat.Json, "42"));
    }

    [TestMethod]
    public void Yaml_exports_become_the_same_json_values()
    {
        Assert.AreEqual("true", Read(ExportFormat.Yaml, "true\n"));
        Assert.AreEqual("[\"milk\",\"pumpkin pie\",\"eggs\",\"juice\"]", Read(ExportFormat.Yaml, "--- # Shopping list\n[milk, pumpkin pie, eggs, juice]\n"));
        Assert.AreEqual("{\"something\":\"something\"}", Read(ExportFormat.Yaml, "something: something\n"));
        Assert.AreEqual("{\"n\":1,\"f\":-2.5,\"s\":\"1\",\"z\":null,\"b\":false}", Read(ExportFormat.Yaml, "n: 1\nf: -2.5\ns: \"1\"\nz: ~\nb: false\n"));
    }

    [TestMethod]
    public void Numbers_and_booleans_are_checked()
    {
        Assert.AreEqual("-123.5", Read(ExportFormat.Number, "-123.5\n"));
        Assert.AreEqual("7", Read(ExportFormat.Number, " +7 "));
        Assert.AreEqual("true", Read(ExportFormat.Bool, "true"));
        Assert.AreEqual("false", Read(ExportFormat.Bool, "false\n"));
    }

    [TestMethod]
    public void Bad_content_fails_with_the_op_path_position_and_file()
    {
        void Fails(ExportFormat format, string content, string expected)
        {
            var e = Assert.ThrowsExactly<OpException>(() => Read(format, content));
            StringAssert.StartsWith(e.Message, "t.#up[2]: export /out: ");
            StringAssert.Contains(e.Message, expected);
        }

        Fails(ExportFormat.Json, "{not json", "not valid JSON");
        Fails(ExportFormat.Yaml, "a: [1, 2", "not valid YAML: line 2, column 1");
        Fails(ExportFormat.Number, "abc", "\"abc\" is not a number");
        Fails(ExportFormat.Bool, "yes", "\"yes\" is not a boolean");
        var binary = Assert.ThrowsExactly<OpException>(() => ExportReader.Read(new ExportOp(new OpSource("t"), "/bin", ExportFormat.Text), new byte[] { 0xff, 0xfe, 0x00 }));
        StringAssert.Contains(binary.Message, "not UTF-8 text");
    }
}
