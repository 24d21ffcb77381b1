using System.Text.RegularExpressions;

namespace Dagger.Cue.UnitTests.Differential;

[TestClass]
public sealed class GeneratorTests
{
    [TestMethod]
    public void The_same_seed_and_index_give_the_same_program()
    {
        var a = new CueProgramGenerator(77, CueFeatures.All).Generate(0, 30).ToList();
        var b = new CueProgramGenerator(77, CueFeatures.All).Generate(0, 30).ToList();
        CollectionAssert.AreEqual(a.Select(p => p.Text).ToList(), b.Select(p => p.Text).ToList());
    }

    [TestMethod]
    public void A_program_can_be_regenerated_alone()
    {
        var run = new CueProgramGenerator(5, CueFeatures.All).Generate(0, 20).ToList();
        var alone = new CueProgramGenerator(5, CueFeatures.All).Generate(13);
        Assert.AreEqual(run[13].Text, alone.Text);
        Assert.AreEqual(13, alone.Index);
        Assert.AreEqual(5, alone.Seed);
    }

    [TestMethod]
    public void Seeds_and_indexes_give_different_programs()
    {
        var one = new CueProgramGenerator(1, CueFeatures.All).Generate(0, 50).Select(p => p.Text).ToList();
        var two = new CueProgramGenerator(2, CueFeatures.All).Generate(0, 50).Select(p => p.Text).ToList();
        Assert.IsGreaterThanOrEqualTo(48, one.Distinct().Count());
        Assert.IsGreaterThanOrEqualTo(48, one.Zip(two).Count(p => p.First != p.Second));
    }

    [TestMethod]
    public void Without_features_programs_are_plain_nested_structs()
    {
        foreach (var p in new CueProgramGenerator(3, CueFeatures.None).Generate(0, 100))
        {
            foreach (var construct in new[] { "#", "for ", "if ", "|", "?:", "\\(", "[", "...", "_" })
            {
                Assert.DoesNotContain(construct, p.Text, $"program {p.Index} uses '{construct}':\n{p.Text}");
            }

            Assert.IsNull(p.InjectedError);
            Assert.IsFalse(Regex.IsMatch(p.Text, @"\d\.\d"), $"program {p.Index} has a float:\n{p.Text}");
        }
    }

    [TestMethod]
    public void All_features_show_up_in_a_few_hundred_programs()
    {
        var texts = new CueProgramGenerator(11, CueFeatures.All).Generate(0, 300).Select(p => p.Text).ToList();
        var constructs = new Dictionary<string, string>
        {
            ["definition"] = @"(?m)^#\w+: \{",
            ["definition use"] = @"#\w+ & \{",
            ["embedded definition"] = @"(?m)^\s+#\w+$",
            ["default"] = @"\*[^ ]+ \|",
            ["struct disjunction"] = @"\*\{",
            ["for over struct"] = @"for k\d+, v\d+ in",
            ["for over list"] = @"for i\d+, x\d+ in",
            ["list comprehension"] = @"\[for ",
            ["if guard"] = @"if .+ \{c\d+:",
            ["interpolation"] = @"\\\(",
            ["optional field"] = @"\w\?: ",
            ["hidden field"] = @"(?m)^\s*_\w+: ",
            ["open definition"] = @"(?m)^\s+\.\.\.$",
            ["bound"] = ">=",
            ["div or mod"] = @" (div|mod) \d",
            ["float division"] = @" / ",
            ["float literal"] = @"\d\.\d|\de\d",
            ["list index"] = @"\w\[\d\]",
            ["len"] = @"len\(",
            ["selector"] = @"\w\.\w+\.\w",
            ["fragment"] = @"(?m)^\w+: \w+: ",
            ["struct extension"] = @"\w & \{",
        };
        foreach (var (name, pattern) in constructs)
        {
            var n = texts.Count(t => Regex.IsMatch(t, pattern));
            Assert.IsGreaterThanOrEqualTo(5, n, $"'{name}' ({pattern}) appears in only {n} of 300 programs");
        }
    }

    [TestMethod]
    public void About_one_program_in_six_gets_a_deliberate_error_only_with_conflicts_on()
    {
        var with = new CueProgramGenerator(9, CueFeatures.All).Generate(0, 600).Count(p => p.InjectedError is not null);
        Assert.IsInRange(60, 160, with);
        var without = new CueProgramGenerator(9, CueFeatures.All & ~CueFeatures.Conflicts).Generate(0, 200);
        Assert.IsTrue(without.All(p => p.InjectedError is null));
    }

    [TestMethod]
    public void Programs_are_neither_empty_nor_huge()
    {
        foreach (var p in new CueProgramGenerator(21, CueFeatures.All).Generate(0, 200))
        {
            var lines = p.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            Assert.IsInRange(3, 200, lines, $"program {p.Index}:\n{p.Text}");
        }
    }
}
