using System.Text;

namespace Dagger.Runtime.Llb;

/// <summary>
/// Slash-separated path arithmetic with the exact results of Go's <c>path</c> package, because BuildKit's client
/// computes op fields (working directories, file-op paths) with it and digests depend on the resulting strings.
/// </summary>
internal static class UnixPath
{
    public static bool IsAbs(string path) => path.StartsWith('/');

    /// <summary>The shortest equivalent path: repeated slashes, "." and resolvable ".." removed; "" becomes ".".</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        bool rooted = path[0] == '/';
        var parts = new List<string>();
        int dotdots = 0;
        foreach (string part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > dotdots)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add("..");
                    dotdots++;
                }

                continue;
            }

            parts.Add(part);
        }

        var sb = new StringBuilder();
        if (rooted)
        {
            sb.Append('/');
        }

        sb.AppendJoin('/', parts);
        return sb.Length == 0 ? "." : sb.ToString();
    }

    /// <summary>Joins the non-empty elements with "/" and cleans the result; all empty gives "".</summary>
    public static string Join(params string[] elements)
    {
        string[] nonEmpty = [.. elements.Where(e => e.Length > 0)];
        return nonEmpty.Length == 0 ? "" : Clean(string.Join('/', nonEmpty));
    }
}
