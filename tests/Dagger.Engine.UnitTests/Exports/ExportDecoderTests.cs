using System.Text;
using Dagger.Runtime.Cue;
using Dagger.Runtime.Engine.Compilation;
using Dagger.Runtime.Engine.Exports;
using Dagger.Runtime.Engine.Ops;

namespace Dagger.Engine.UnitTests.Exports;

/// <summary>An exported file read back: its bytes as text, then parsed once by the evaluator's own decoders.</summary>
[TestClass]
public sealed class ExportDecoderTests
{
    private static ExportOp Op(ExportFormat format) => new(new OpSource("t.#up[2]", "plan.cue:9:3"), "/out", format);

    private static string Read(ExportFormat format, string content) => CueContext.RunWithLargeStack(() =>
        ExportDecoder.Decode(new CueContext(), ExportReader.Read(Op(format), Encoding.UTF8.GetBytes(content))).ToJson(indent: false));

    [TestMethod]
    public void Text_is_kept_as_it_is_including_white_space()
    {
        Assert.AreEqual("\"something\\n\"", Read(ExportFormat.Text, "something\n"));
        Assert.AreEqual("\"  lol1 \"", Read(ExportFormat.Text, "  lol1 "));
        Assert.AreEqual("\"a \\\"quoted\\\" \\\\ line\"", Read(ExportFormat.Text, "a \"quoted\" \\ line"));
    }

    [TestMethod]
    public void Json_exports_keep_structure_member_order_and_number_kinds()
    {
        Assert.AreEqual("true", Read(ExportFormat.Json, "true\n"));
        Assert.AreEqual("{\"z\":\"last\",\"a\":\"first\"}", Read(ExportFormat.Json, "{\"z\": \"last\", \"a\": \"first\"}\n"));
        Assert.AreEqual("[\"milk\",\"eggs\"]", Read(ExportFormat.Json, "[\"milk\",\"eggs\"]"));
        Assert.AreEqual("-123.5", Read(ExportFormat.Json, "-123.5\n"));
        Assert.AreEqual("42", Read(ExportFormat.Json, "42"));
        Assert.AreEqual("123456789012345678901234567890", Read(ExportFormat.Json, "123456789012345678901234567890"));
    }

    [TestMethod]
    public void Yaml_exports_read_as_encoding_yaml_reads_them()
    {
        // The reference CUE's yaml.Unmarshal("n: 1_000\no: 0o17\nf: .5\ns: yes\nh: 0x1F\nt: True") gives these values.
        Assert.AreEqual(
            "{\"n\":1000,\"o\":15,\"f\":0.5,\"s\":\"yes\",\"h\":31,\"t\":true}",
            Read(ExportFormat.Yaml, "n: 1_000\no: 0o17\nf: .5\ns: yes\nh: 0x1F\nt: True\n"));
        Assert.AreEqual("[\"milk\",\"pumpkin pie\",\"eggs\",\"juice\"]", Read(ExportFormat.Yaml, "--- # Shopping list\n[milk, pumpkin pie, eggs, juice]\n"));
        Assert.AreEqual("{\"n\":1,\"f\":-2.5,\"s\":\"1\",\"z\":null,\"b\":false}", Read(ExportFormat.Yaml, "n: 1\nf: -2.5\ns: \"1\"\nz: ~\nb: false\n"));
        Assert.AreEqual("null", Read(ExportFormat.Yaml, ""));
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
        Fails(ExportFormat.Yaml, "a: [1, 2", "not valid YAML");
        Fails(ExportFormat.Yaml, "a: 1\n---\nb: 2\n", "expected one document, found 2");
        Fails(ExportFormat.Number, "abc", "\"abc\" is not a number");
        Fails(ExportFormat.Bool, "yes", "\"yes\" is not a boolean");
        var binary = Assert.ThrowsExactly<OpException>(() => ExportReader.Read(Op(ExportFormat.Text), new byte[] { 0xff, 0xfe, 0x00 }));
        StringAssert.Contains(binary.Message, "not UTF-8 text");
    }
}
