using System.Reflection;
using System.Text.RegularExpressions;

namespace Dagger.Action.Inputs;

/// <summary>Versions of the dagger tool: the form a release takes, and the one built with this action.</summary>
internal static partial class ToolVersion
{
    /// <summary>
    /// The version of this action's own build. The tool and the action are versioned together
    /// (<c>Directory.Build.props</c>), so the action at a given ref runs the dagger released from that ref.
    /// </summary>
    public static string OfAction
    {
        get
        {
            var informational = typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? throw new InvalidOperationException("the action's assembly has no informational version");
            // The SDK appends +<commit> to the informational version; a package version has no build metadata.
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? informational : informational[..plus];
        }
    }

    /// <summary>Whether <paramref name="value"/> is a release version (SemVer 2.0, no build metadata).</summary>
    public static bool IsValid(string value) => Pattern().IsMatch(value);

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$")]
    private static partial Regex Pattern();
}
