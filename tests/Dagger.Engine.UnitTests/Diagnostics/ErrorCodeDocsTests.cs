using System.Text.RegularExpressions;
using Dagger.Runtime.Engine.Diagnostics;

namespace Dagger.Engine.UnitTests.Diagnostics;

/// <summary>docs/errors.md explains every code dagger can report, and nothing else.</summary>
[TestClass]
public sealed partial class ErrorCodeDocsTests
{
    private static readonly Lazy<string> Docs = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "docs", "errors.md");
            if (File.Exists(file) && File.Exists(Path.Combine(dir.FullName, "Dagger.sln")))
            {
                return File.ReadAllText(file);
            }
        }

        throw new InvalidOperationException($"no docs/errors.md above {AppContext.BaseDirectory}");
    });

    private static Dictionary<string, string> Documented() =>
        Heading().Matches(Docs.Value).ToDictionary(m => m.Groups["code"].Value, m => m.Groups["title"].Value.Trim());

    [TestMethod]
    public void Every_code_is_documented_with_its_title()
    {
        var documented = Documented();
        foreach (var code in ErrorCodes.All)
        {
            Assert.IsTrue(documented.TryGetValue(code.Id, out var title), $"{code.Id} ({code.Title}) is not in docs/errors.md");
            Assert.AreEqual(code.Title, title, $"{code.Id}: the title in docs/errors.md");
        }
    }

    [TestMethod]
    public void The_docs_list_no_code_that_does_not_exist()
    {
        // DAG7xxx belong to the front doors (the MSBuild task, the Action), whose own tests check them.
        var known = ErrorCodes.All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = Documented().Keys.Where(id => !id.StartsWith("DAG7", StringComparison.Ordinal) && !known.Contains(id)).ToList();
        Assert.IsEmpty(unknown, "documented but not in ErrorCodes.All: " + string.Join(", ", unknown));
    }

    [TestMethod]
    public void Every_code_field_is_listed_once_in_All()
    {
        var fields = typeof(ErrorCodes).GetFields().Where(f => f.FieldType == typeof(ErrorCode)).Select(f => (ErrorCode)f.GetValue(null)!).ToList();
        CollectionAssert.AreEquivalent(fields, ErrorCodes.All.ToList());
        Assert.HasCount(fields.Count, fields.Select(f => f.Id).Distinct(), "codes are unique");
        Assert.IsTrue(fields.All(f => CodePattern().IsMatch(f.Id)));
    }

    [TestMethod]
    public void Exit_codes_follow_the_group()
    {
        Assert.AreEqual(ExitCodes.Failure, ErrorCodes.CueSyntax.ExitCode);
        Assert.AreEqual(ExitCodes.Failure, ErrorCodes.ExecFailed.ExitCode);
        Assert.AreEqual(ExitCodes.Cancelled, ErrorCodes.Cancelled.ExitCode);
        Assert.AreEqual(ExitCodes.Usage, ErrorCodes.Usage.ExitCode);
        Assert.AreEqual(ExitCodes.Internal, ErrorCodes.Internal.ExitCode);
        Assert.AreEqual(7, ExitCodes.ForCommand(7));
        Assert.AreEqual(ExitCodes.Failure, ExitCodes.ForCommand(137), "a signal's code would read as the tool's own");
        Assert.AreEqual(ExitCodes.Failure, ExitCodes.ForCommand(null));
    }

    [GeneratedRegex(@"^### (?<code>DAG[0-9]{4}): (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex("^DAG[1-9][0-9]{3}$")]
    private static partial Regex CodePattern();
}
