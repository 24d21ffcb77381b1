using System.Diagnostics;
using System.Text;

namespace Dagger.Action.Tool;

/// <summary>How the action starts a program: its arguments one by one (no shell), every stream redirected, and
/// exactly the environment given (not the action's own).</summary>
internal static class ChildProcess
{
    /// <summary>The start info of <paramref name="file"/>.</summary>
    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
