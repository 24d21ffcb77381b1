using System.Text;
using System.Text.Json;

namespace Dagger.Runtime.BuildKit;

/// <summary>The small amount of image-reference parsing pushes need.</summary>
internal static class ImageReference
{
    /// <summary>Splits <c>host:port/repo:tag</c> into repository and tag (<c>latest</c> when absent); a digest is refused.</summary>
    internal static (string Repository, string Tag) SplitTag(string name)
    {
        if (name.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"cannot push '{name}': a pushed image is named by a tag, not a digest", nameof(name));
        }

        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        return colon > slash ? (name[..colon], name[(colon + 1)..]) : (name, "latest");
    }

    /// <summary>The registry host of a repository: its first segment when that looks like a host, else Docker Hub.</summary>
    internal static string Registry(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return "docker.io";
        }

        var first = repository[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"
            ? first
            : "docker.io";
    }

    /// <summary>The Engine API's <c>X-Registry-Auth</c> value: base64url JSON; an empty object for anonymous access.</summary>
    internal static string EncodeRegistryAuth(RegistryCredentials? credentials, string server)
    {
        var json = new Dictionary<string, string>();
        if (credentials is not null)
        {
            if (credentials.Username.Length == 0)
            {
                json["identitytoken"] = credentials.Secret;
            }
            else
            {
                json["username"] = credentials.Username;
                json["password"] = credentials.Secret;
            }

            json["serveraddress"] = server;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in json)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.WrittenSpan).Replace('+', '-').Replace('/', '_');
    }
}
