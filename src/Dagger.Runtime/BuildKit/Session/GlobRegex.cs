using System.Text;
using System.Text.RegularExpressions;

namespace Dagger.Runtime.BuildKit.Session;

/// <summary>Translates shell-style patterns of paths to anchored regular expressions.</summary>
internal static class GlobRegex
{
    /// <summary>The regex for <paramref name="pattern"/>, where <c>*</c> and <c>?</c> never cross a slash.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="doubleStar">Whether <c>**</c> crosses slashes (and <c>**/</c> also matches no directory), as in .dockerignore.</param>
    /// <param name="bangNegatesSet">Whether <c>[!…]</c> negates a set as <c>[^…]</c> does.</param>
    public static string Translate(string pattern, bool doubleStar, bool bangNegatesSet)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when doubleStar && i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        i++;
                        regex.Append("(.*/)?");
                    }
                    else
                    {
                        regex.Append(".*");
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var end = pattern.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }

                    var set = pattern[(i + 1)..end];
                    var negated = set.StartsWith('^') || (bangNegatesSet && set.StartsWith('!'));
                    regex.Append('[').Append(negated ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = end;
                    break;
                case '\\' when i + 1 < pattern.Length:
                    i++;
                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.Append('$').ToString();
    }
}
