using System.Text;
using Dagger.Runtime.BuildKit;

namespace Dagger.BuildKit.UnitTests;

[TestClass]
public sealed class RegistryAuthTests
{
    private static string Config(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dagger-docker-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Basic(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    [TestMethod]
    public async Task Auths_entries_are_matched_by_host_whatever_their_form()
    {
        var path = Config($$"""
            {
              "auths": {
                "https://index.docker.io/v1/": { "auth": "{{Basic("hubuser", "hubpass:with:colons")}}" },
                "http://127.0.0.1:5000/v2/": { "auth": "{{Basic("local", "pw")}}" },
                "ghcr.io": { "identitytoken": "tok-123" },
                "quay.io": { "username": "q", "password": "qp" }
              }
            }
            """);
        try
        {
            var auth = new RegistryAuth(path, (_, _, _) => throw new AssertFailedException("no helper expected"));
            Assert.AreEqual(new RegistryCredentials("hubuser", "hubpass:with:colons"), await auth.GetAsync("registry-1.docker.io"));
            Assert.AreEqual(new RegistryCredentials("hubuser", "hubpass:with:colons"), await auth.GetAsync("docker.io"));
            Assert.AreEqual(new RegistryCredentials("local", "pw"), await auth.GetAsync("127.0.0.1:5000"));
            Assert.AreEqual(new RegistryCredentials(string.Empty, "tok-123"), await auth.GetAsync("ghcr.io"));
            Assert.AreEqual(new RegistryCredentials("q", "qp"), await auth.GetAsync("quay.io"));
            Assert.IsNull(await auth.GetAsync("example.com"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task Credential_helpers_and_stores_are_asked_with_the_server()
    {
        var path = Config("""{ "credsStore": "store", "credHelpers": { "123.dkr.ecr.us-east-1.amazonaws.com": "ecr-login" } }""");
        var calls = new List<(string Helper, string Server)>();
        try
        {
            var auth = new RegistryAuth(path, (helper, server, _) =>
            {
                calls.Add((helper, server));
                return Task.FromResult<string?>(helper == "ecr-login"
                    ? """{"ServerURL":"x","Username":"AWS","Secret":"ecr-secret"}"""
                    : server == "https://index.docker.io/v1/" ? """{"Username":"<token>","Secret":"identity"}""" : null);
            });
            Assert.AreEqual(new RegistryCredentials("AWS", "ecr-secret"), await auth.GetAsync("123.dkr.ecr.us-east-1.amazonaws.com"));
            Assert.AreEqual(new RegistryCredentials(string.Empty, "identity"), await auth.GetAsync("index.docker.io"));
            Assert.IsNull(await auth.GetAsync("example.com"));
            CollectionAssert.AreEqual(
                new[] { ("ecr-login", "123.dkr.ecr.us-east-1.amazonaws.com"), ("store", "https://index.docker.io/v1/"), ("store", "example.com") },
                calls.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task Run_time_registrations_win_over_the_config()
    {
        var path = Config($$"""{ "auths": { "127.0.0.1:5000": { "auth": "{{Basic("old", "old")}}" } } }""");
        try
        {
            var auth = new RegistryAuth(path);
            auth.Register("http://127.0.0.1:5000", new RegistryCredentials("new", "secret"));
            Assert.AreEqual(new RegistryCredentials("new", "secret"), await auth.GetAsync("127.0.0.1:5000"));
            Assert.DoesNotContain("secret", new RegistryCredentials("new", "secret").ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task Broken_configs_name_the_file_and_the_entry()
    {
        var invalidJson = Config("{ \"auths\": { ");
        var badAuth = Config("""{ "auths": { "r.example": { "auth": "not base64!" } } }""");
        try
        {
            var json = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => new RegistryAuth(invalidJson).GetAsync("r.example"));
            StringAssert.StartsWith(json.Message, invalidJson + ":");
            var auth = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => new RegistryAuth(badAuth).GetAsync("r.example"));
            StringAssert.Contains(auth.Message, "'r.example'");
        }
        finally
        {
            File.Delete(invalidJson);
            File.Delete(badAuth);
        }
    }

    [TestMethod]
    public void The_engine_api_auth_header_is_base64url_json()
    {
        var header = ImageReference.EncodeRegistryAuth(new RegistryCredentials("u", "p?>"), "127.0.0.1:5000");
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(header.Replace('-', '+').Replace('_', '/')));
        Assert.AreEqual("""{"username":"u","password":"p?\u003E","serveraddress":"127.0.0.1:5000"}""", json);
        Assert.AreEqual("e30=", ImageReference.EncodeRegistryAuth(null, "x"));
        Assert.AreEqual(("127.0.0.1:5000/a/b", "v1"), ImageReference.SplitTag("127.0.0.1:5000/a/b:v1"));
        Assert.AreEqual(("127.0.0.1:5000/a", "latest"), ImageReference.SplitTag("127.0.0.1:5000/a"));
        Assert.AreEqual("127.0.0.1:5000", ImageReference.Registry("127.0.0.1:5000/a"));
        Assert.AreEqual("docker.io", ImageReference.Registry("library/alpine"));
    }
}
