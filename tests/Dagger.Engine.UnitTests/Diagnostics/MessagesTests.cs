using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dagger.Engine.UnitTests.Architecture;
using Dagger.Runtime.Engine.Diagnostics;

namespace Dagger.Engine.UnitTests.Diagnostics;

/// <summary>The product's messages live in one resource file: each is well formed and each is used.</summary>
[TestClass]
public sealed partial class MessagesTests
{
    private static Dictionary<string, string> Entries() =>
        Messages.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, true, true)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    [TestMethod]
    public void Every_message_numbers_its_arguments_from_zero_without_gaps_and_formats()
    {
        var entries = Entries();
        Assert.IsGreaterThan(40, entries.Count, "the runtime's messages are in the resource file");
        foreach (var (name, template) in entries)
        {
            var used = Placeholder().Matches(template.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal))
                .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order().ToList();
            CollectionAssert.AreEqual(Enumerable.Range(0, used.Count).ToList(), used, $"{name}: {template}");
            var args = used.Select(i => (object)$"<{i}>").ToArray();
            var text = Message.Format(template, args);
            foreach (var arg in args)
            {
                StringAssert.Contains(text, (string)arg, $"{name} places each argument");
            }
        }
    }

    [TestMethod]
    public void Every_message_is_used_by_the_runtime_or_the_tool()
    {
        // The tool (dagger.dll, referenced by this project for this test) shows its own messages from the same file.
        var tool = Assembly.Load(new AssemblyName("dagger"));
        var used = typeof(Messages).Assembly.GetTypes().Concat(tool.GetTypes())
            .Where(t => t != typeof(Messages))
            .SelectMany(TypeReferences.Of)
            .Select(r => UsedMessage().Match(r.Where))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);
        var unused = Entries().Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.IsEmpty(unused, "messages no code uses: " + string.Join(", ", unused));
    }

    [GeneratedRegex(@"\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"uses Messages\.get_(\w+)$")]
    private static partial Regex UsedMessage();
}
