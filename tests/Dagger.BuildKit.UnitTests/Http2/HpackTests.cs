using System.Text;
using Dagger.Runtime.BuildKit.Http2;

namespace Dagger.BuildKit.UnitTests.Http2;

[TestClass]
public sealed class HpackTests
{
    [TestMethod]
    public void Huffman_decodes_the_examples_of_rfc_7541()
    {
        // RFC 7541, C.4.1: "www.example.com"
        var encoded = Convert.FromHexString("f1e3c2e5f23a6ba0ab90f4ff");
        Assert.AreEqual("www.example.com", Encoding.ASCII.GetString(HpackHuffman.Decode(encoded)));
        // C.4.2: "no-cache"
        Assert.AreEqual("no-cache", Encoding.ASCII.GetString(HpackHuffman.Decode(Convert.FromHexString("a8eb10649cbf"))));
        CollectionAssert.AreEqual(encoded, HpackHuffman.Encode("www.example.com"u8));
    }

    [TestMethod]
    public void Huffman_round_trips_every_byte()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        CollectionAssert.AreEqual(all, HpackHuffman.Decode(HpackHuffman.Encode(all)));
    }

    [TestMethod]
    public void Huffman_rejects_bad_padding()
    {
        // "a" is 00011 (5 bits); padding with zeros instead of ones is invalid.
        Assert.ThrowsExactly<Http2ProtocolException>(() => HpackHuffman.Decode([0b0001_1000]));
        Assert.AreEqual("a", Encoding.ASCII.GetString(HpackHuffman.Decode([0b0001_1111])));
    }

    [TestMethod]
    public void The_decoder_keeps_its_dynamic_table_across_blocks()
    {
        // RFC 7541, C.3: three requests without Huffman coding, sharing the dynamic table.
        var decoder = new HpackDecoder();
        var first = decoder.Decode(Convert.FromHexString("828684410f7777772e6578616d706c652e636f6d"));
        CollectionAssert.AreEqual(
            new[] { (":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com") },
            first.ToArray());
        var second = decoder.Decode(Convert.FromHexString("828684be58086e6f2d6361636865"));
        CollectionAssert.AreEqual(
            new[] { (":method", "GET"), (":scheme", "http"), (":path", "/"), (":authority", "www.example.com"), ("cache-control", "no-cache") },
            second.ToArray());
        var third = decoder.Decode(Convert.FromHexString("828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565"));
        CollectionAssert.AreEqual(
            new[] { (":method", "GET"), (":scheme", "https"), (":path", "/index.html"), (":authority", "www.example.com"), ("custom-key", "custom-value") },
            third.ToArray());
    }

    [TestMethod]
    public void Integers_use_continuation_bytes()
    {
        // RFC 7541, C.1.2: 1337 with a 5-bit prefix.
        var position = 0;
        Assert.AreEqual(1337, HpackDecoder.ReadInteger([0x1f, 0x9a, 0x0a], ref position, 5));
        Assert.AreEqual(3, position);
        var output = new List<byte>();
        HpackEncoder.WriteInteger(output, 1337, 5, 0);
        CollectionAssert.AreEqual(new byte[] { 0x1f, 0x9a, 0x0a }, output.ToArray());
    }

    [TestMethod]
    public void The_encoder_output_decodes_to_the_same_headers_in_order()
    {
        var headers = new[]
        {
            (":method", "POST"),
            (":path", "/moby.buildkit.v1.Control/Session"),
            ("x-docker-expose-session-grpc-method", "/grpc.health.v1.Health/Check"),
            ("x-docker-expose-session-grpc-method", "/moby.filesync.v1.FileSync/DiffCopy"),
        };
        CollectionAssert.AreEqual(headers, new HpackDecoder().Decode(HpackEncoder.Encode(headers)).ToArray());
    }

    [TestMethod]
    public void Out_of_range_indexes_are_errors()
    {
        Assert.ThrowsExactly<Http2ProtocolException>(() => new HpackDecoder().Decode([0xBE]));
        Assert.ThrowsExactly<Http2ProtocolException>(() => new HpackDecoder().Decode([0x80]));
    }
}
