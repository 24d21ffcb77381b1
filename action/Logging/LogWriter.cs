using System.Security.Cryptography;

namespace Dagger.Action.Logging;

/// <summary>
/// The step's log. Text the action did not write itself (pipeline output, task paths, the tool's messages) is
/// written while the runner's command processing is stopped (<c>::stop-commands::TOKEN</c> … <c>::TOKEN::</c>), so
/// a container cannot inject a workflow command; each stop has a fresh random token, which the text cannot know.
/// The runner also finds the legacy <c>##[command]</c> form anywhere in a line, which is why even a line that does
/// not start with <c>::</c> goes inside a stop. Every line is masked first.
/// </summary>
internal sealed class LogWriter(TextWriter output, SecretMasker masker, Func<string>? tokens = null)
{
    private readonly object gate = new();
    private readonly Func<string> tokens = tokens ?? NewToken;
    private SecretMasker masker = masker;
    private string? stopToken;

    /// <summary>Hides <paramref name="secrets"/>' secrets from now on (once the inputs are read, they are all known).</summary>
    public void Use(SecretMasker secrets)
    {
        lock (gate)
        {
            masker = secrets;
        }
    }

    /// <summary>A random token of 128 bits.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Writes lines the action did not write itself, with commands stopped.</summary>
    public void Text(string text)
    {
        lock (gate)
        {
            if (stopToken is null)
            {
                stopToken = tokens();
                output.WriteLine("::stop-commands::" + stopToken);
            }

            foreach (var line in masker.Redact(text).Split('\n'))
            {
                output.WriteLine(line.TrimEnd('\r'));
            }
        }
    }

    /// <summary>Writes a workflow command, resuming command processing first; its data and properties are masked, then escaped.</summary>
    public void Command(string name, string data, params (string Key, object? Value)[] properties)
    {
        lock (gate)
        {
            var masked = properties.Select(p => (p.Key, p.Value is null ? null : (object)masker.Redact(Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""))).ToArray();
            var line = WorkflowCommand.Format(name, masker.Redact(data), masked);
            Resume();
            output.WriteLine(line);
        }
    }

    /// <summary>Opens a group titled <paramref name="title"/>.</summary>
    public void Group(string title) => Command("group", title);

    /// <summary>Closes the open group.</summary>
    public void EndGroup() => Command("endgroup", "");

    /// <summary>A warning annotation of the action's own, with its code.</summary>
    public void Warning(string code, string message) => Command("warning", $"{code}: {message}", ("title", $"dagger {code}"));

    /// <summary>An error annotation of the action's own, with its code.</summary>
    public void Error(string code, string message) => Command("error", $"{code}: {message}", ("title", $"dagger {code}"));

    /// <summary>A notice of the action's own.</summary>
    public void Notice(string message) => Command("notice", message);

    /// <summary>Registers secrets with the runner's masker. The only writer of unmasked text, by design.</summary>
    public void AddMasks(IEnumerable<string> values)
    {
        lock (gate)
        {
            Resume();
            foreach (var value in values)
            {
                output.WriteLine("::add-mask::" + WorkflowCommand.EscapeData(value));
            }
        }
    }

    /// <summary>Resumes command processing, if it is stopped, and flushes.</summary>
    public void Close()
    {
        lock (gate)
        {
            Resume();
            output.Flush();
        }
    }

    private void Resume()
    {
        if (stopToken is not null)
        {
            output.WriteLine("::" + stopToken + "::");
            stopToken = null;
        }
    }
}
