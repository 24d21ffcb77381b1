using System.Text.Json;
using Dagger.Runtime.Llb;

namespace Dagger.BuildKit.UnitTests.Llb;

[TestClass]
public sealed class DumpTests
{
    private static State Sample() =>
        State.Scratch
            .File(FileAction.Mkfile("/hello", 0x1A4, "hi"u8), new OpOptions { CustomName = "plan.\"greet\"" })
            .Run(new ExecOptions { Args = ["cat", "/hello"], Mounts = [new CacheMount("/c", "id")] })
            .Root;

    [TestMethod]
    public void Json_dump_lists_ops_with_digests_inputs_fields_and_metadata()
    {
        LlbDefinition def = Sample().Def();
        using JsonDocument doc = JsonDocument.Parse(def.ToJson());
        JsonElement root = doc.RootElement;
        Assert.AreEqual(def.Result!.Value.Value, root.GetProperty("result").GetString());
        JsonElement[] ops = [.. root.GetProperty("ops").EnumerateArray()];
        Assert.AreEqual(3, ops.Length);

        JsonElement file = ops[0];
        Assert.AreEqual("file", file.GetProperty("kind").GetString());
        Assert.AreEqual(def.Ops[0].Digest.Value, file.GetProperty("digest").GetString());
        Assert.AreEqual(0, file.GetProperty("inputs").GetArrayLength());
        JsonElement mkfile = file.GetProperty("op").GetProperty("file").GetProperty("actions")[0].GetProperty("mkfile");
        Assert.AreEqual("/hello", mkfile.GetProperty("path").GetString());
        Assert.AreEqual("hi", mkfile.GetProperty("data").GetString(), "printable bytes are shown as text");
        Assert.AreEqual("0644", mkfile.GetProperty("mode").GetString(), "modes are shown in octal");
        Assert.AreEqual(-1, mkfile.GetProperty("timestamp").GetInt64());
        Assert.AreEqual("plan.\"greet\"", file.GetProperty("metadata").GetProperty("description").GetProperty("llb.customname").GetString());

        JsonElement exec = ops[1];
        Assert.AreEqual(def.Ops[0].Digest.Value, exec.GetProperty("inputs")[0].GetProperty("digest").GetString());
        Assert.AreEqual(0, exec.GetProperty("inputs")[0].GetProperty("index").GetInt64());
        JsonElement execOp = exec.GetProperty("op").GetProperty("exec");
        Assert.AreEqual("cat", execOp.GetProperty("meta").GetProperty("args")[0].GetString());
        Assert.AreEqual("CACHE", execOp.GetProperty("mounts")[1].GetProperty("mountType").GetString());
        Assert.AreEqual(-1, execOp.GetProperty("mounts")[1].GetProperty("input").GetInt64());
        Assert.IsFalse(execOp.GetProperty("mounts")[0].TryGetProperty("input", out _), "defaults are omitted");
        Assert.AreEqual("amd64", exec.GetProperty("op").GetProperty("platform").GetProperty("Architecture").GetString());

        Assert.AreEqual("result", ops[2].GetProperty("kind").GetString());
    }

    [TestMethod]
    public void Binary_data_is_dumped_as_base64()
    {
        LlbDefinition def = State.Scratch.File(FileAction.Mkfile("/bin", 0x1ED, [0xff, 0x00, 0x01])).Def();
        using JsonDocument doc = JsonDocument.Parse(def.ToJson());
        JsonElement mkfile = doc.RootElement.GetProperty("ops")[0].GetProperty("op").GetProperty("file").GetProperty("actions")[0].GetProperty("mkfile");
        Assert.AreEqual("base64:/wAB", mkfile.GetProperty("data").GetString());
    }

    [TestMethod]
    public void Json_dump_is_stable()
    {
        Assert.AreEqual(Sample().Def().ToJson(), Sample().Def().ToJson());
    }

    [TestMethod]
    public void Dot_graph_has_a_node_per_op_and_an_edge_per_input()
    {
        LlbDefinition def = Sample().Def();
        string dot = def.ToDot();
        StringAssert.StartsWith(dot, "digraph llb {");
        StringAssert.Contains(dot, $"\"{def.Ops[0].Digest}\" [label=\"plan.\\\"greet\\\"\\n{def.Ops[0].Digest.Abbreviated}\"];");
        StringAssert.Contains(dot, $"\"{def.Ops[1].Digest}\" [label=\"exec cat /hello\\n");
        StringAssert.Contains(dot, $"\"{def.Ops[0].Digest}\" -> \"{def.Ops[1].Digest}\" [label=\"0\"];");
        StringAssert.Contains(dot, $"\"{def.Ops[1].Digest}\" -> \"{def.Ops[2].Digest}\" [label=\"0\"];");
        Assert.AreEqual(2, dot.Split("->").Length - 1);
    }
}
