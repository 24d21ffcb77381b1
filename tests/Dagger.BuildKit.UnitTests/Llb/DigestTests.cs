using System.Text;
using Dagger.Runtime.Llb;

namespace Dagger.BuildKit.UnitTests.Llb;

[TestClass]
public sealed class DigestTests
{
    [TestMethod]
    public void Digest_of_bytes_is_prefixed_lower_case_sha256()
    {
        Assert.AreEqual("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Digest.FromBytes([]).Value);
        Assert.AreEqual("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", Digest.FromBytes(Encoding.ASCII.GetBytes("hello")).ToString());
    }

    [TestMethod]
    public void Abbreviated_digest_is_the_first_twelve_hex_digits()
    {
        Assert.AreEqual("e3b0c44298fc", Digest.FromBytes([]).Abbreviated);
    }

    [TestMethod]
    [DataRow("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", true)]
    [DataRow("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", false)]
    [DataRow("sha256:e3b0", false)]
    [DataRow("md5:d41d8cd98f00b204e9800998ecf8427e", false)]
    [DataRow("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", false)]
    public void Digest_validation_checks_algorithm_and_length(string text, bool valid)
    {
        Assert.AreEqual(valid, Digest.IsValid(text));
    }
}
