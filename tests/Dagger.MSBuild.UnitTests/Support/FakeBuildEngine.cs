using System.Collections;
using Microsoft.Build.Framework;

namespace Dagger.MSBuild.UnitTests.Support;

/// <summary>An MSBuild engine that keeps what a task logs, for assertions.</summary>
internal sealed class FakeBuildEngine : IBuildEngine
{
    private readonly object gate = new();
    private readonly List<BuildErrorEventArgs> errors = [];
    private readonly List<BuildWarningEventArgs> warnings = [];
    private readonly List<BuildMessageEventArgs> messages = [];
    private readonly List<CustomBuildEventArgs> custom = [];

    public IReadOnlyList<BuildErrorEventArgs> Errors { get { lock (gate) { return [.. errors]; } } }

    public IReadOnlyList<BuildWarningEventArgs> Warnings { get { lock (gate) { return [.. warnings]; } } }

    public IReadOnlyList<BuildMessageEventArgs> Messages { get { lock (gate) { return [.. messages]; } } }

    public IReadOnlyList<CustomBuildEventArgs> CustomEvents { get { lock (gate) { return [.. custom]; } } }

    /// <summary>Every line logged, errors and warnings as MSBuild prints them, for failure messages and searches.</summary>
    public string Transcript
    {
        get
        {
            lock (gate)
            {
                return string.Join("\n", errors.Select(e => $"{e.File}({e.LineNumber},{e.ColumnNumber}): error {e.Code}: {e.Message}")
                    .Concat(warnings.Select(w => $"{w.File}({w.LineNumber},{w.ColumnNumber}): warning {w.Code}: {w.Message}"))
                    .Concat(messages.Select(m => $"[{m.Importance}] {m.Message}")));
            }
        }
    }

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.proj";

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("the tasks under test build no project");

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
        lock (gate)
        {
            custom.Add(e);
        }
    }

    public void LogErrorEvent(BuildErrorEventArgs e)
    {
        lock (gate)
        {
            errors.Add(e);
        }
    }

    public void LogMessageEvent(BuildMessageEventArgs e)
    {
        lock (gate)
        {
            messages.Add(e);
        }
    }

    public void LogWarningEvent(BuildWarningEventArgs e)
    {
        lock (gate)
        {
            warnings.Add(e);
        }
    }
}
