using System.Text;
using Dagger.Action.Errors;
using Dagger.Action.Logging;

namespace Dagger.Action.Reporting;

/// <summary>
/// Step outputs in <c>$GITHUB_OUTPUT</c>, each as <c>name&lt;&lt;DELIMITER</c>, the value, <c>DELIMITER</c>, with
/// a random delimiter as the runner's file commands want it. A value that holds the delimiter would end early and
/// let the rest be read as further outputs, so it is refused (a warning, <see cref="ActionCodes.OutputRefused"/>).
/// </summary>
internal sealed class StepOutputs(string file, SecretMasker masker, LogWriter log, Func<string>? delimiters = null)
{
    private readonly Func<string> delimiters = delimiters ?? (() => "ghadelimiter_" + Guid.NewGuid().ToString("N"));

    /// <summary>Names of the outputs refused.</summary>
    public List<string> Refused { get; } = [];

    /// <summary>Appends the outputs in the order given.</summary>
    public async Task WriteAsync(IEnumerable<(string Name, string Value)> outputs, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var (name, raw) in outputs)
        {
            var value = masker.Redact(raw);
            var delimiter = delimiters();
            if (value.Contains(delimiter, StringComparison.Ordinal) || name.Contains(delimiter, StringComparison.Ordinal))
            {
                Refused.Add(name);
                log.Warning(ActionCodes.OutputRefused, $"output '{name}' holds the delimiter of $GITHUB_OUTPUT, so it is not set");
                continue;
            }

            text.Append(name).Append("<<").Append(delimiter).Append('\n')
                .Append(value).Append('\n')
                .Append(delimiter).Append('\n');
        }

        await File.AppendAllTextAsync(file, text.ToString(), new UTF8Encoding(false), cancellationToken);
    }
}
