using Dagger.Runtime.Cue;
using Dagger.Runtime.Engine.Plans;

namespace Dagger.Engine.UnitTests.Plans;

/// <summary>What <c>dagger compute</c> prints for values that are not all concrete.</summary>
[TestClass]
public sealed class ComputedJsonTests
{
    private static string Render(string source) => ComputedJson.Render(new CueContext().Compile(source));

    [TestMethod]
    public void A_struct_whose_regular_fields_are_all_left_out_is_left_out() =>
        Assert.AreEqual("""{"keep":{"n":1}}""", Render("input: {name: string, tag: string}\nnested: {a: {b: int}}\nkeep: {n: 1, m: int}"));

    [TestMethod]
    public void A_struct_without_regular_fields_still_prints() =>
        Assert.AreEqual("""{"empty":{},"task":{}}""", Render("task: {#up: [{do: \"fetch-container\", ref: \"alpine\"}]}\nempty: {}"));

    [TestMethod]
    public void Nothing_concrete_prints_an_empty_object() =>
        Assert.AreEqual("{}", Render("a: {b: string}"));
}
