namespace Dagger.Cue.UnitTests.Conformance;

[TestClass]
public sealed class JsonComparerTests
{
    [TestMethod]
    public void Equal_documents_match_whatever_the_whitespace()
    {
        Assert.IsNull(JsonComparer.Compare("{\"a\": [1, 2.5, \"x\", true, null], \"b\": {}}", "{\"a\":[1,2.5,\"x\",true,null],\"b\":{}}"));
    }

    [TestMethod]
    public void Same_values_in_another_key_order_is_an_order_difference()
    {
        var d = JsonComparer.Compare("{\"a\": 1, \"c\": 3, \"b\": 2}", "{\"a\": 1, \"b\": 2, \"c\": 3}");
        Assert.IsNotNull(d);
        Assert.IsTrue(d.OrderOnly);
        Assert.AreEqual("$", d.Path);
        StringAssert.Contains(d.ToString(), "key order differs (values equal) at $: expected key order a,c,b got a,b,c");
    }

    [TestMethod]
    public void Key_order_is_checked_in_nested_objects_and_lists()
    {
        var d = JsonComparer.Compare("{\"x\": [{\"p\": 1, \"q\": 2}]}", "{\"x\": [{\"q\": 2, \"p\": 1}]}");
        Assert.IsNotNull(d);
        Assert.IsTrue(d.OrderOnly);
        Assert.AreEqual("$.x[0]", d.Path);
    }

    [TestMethod]
    public void A_value_difference_is_reported_before_an_order_difference()
    {
        var d = JsonComparer.Compare("{\"a\": 1, \"b\": 2}", "{\"b\": 2, \"a\": 3}");
        Assert.IsNotNull(d);
        Assert.IsFalse(d.OrderOnly);
        Assert.AreEqual("$.a", d.Path);
        StringAssert.Contains(d.Message, "expected 1, got 3");
    }

    [TestMethod]
    public void Int_and_float_of_equal_value_differ_in_kind()
    {
        var d = JsonComparer.Compare("{\"n\": 7.0}", "{\"n\": 7}");
        Assert.IsNotNull(d);
        Assert.AreEqual("number kind differs: expected 7.0, got 7", d.Message);
        Assert.IsNotNull(JsonComparer.Compare("2", "2E+0"));
    }

    [TestMethod]
    public void Numbers_compare_by_exact_decimal_value()
    {
        Assert.IsNull(JsonComparer.Compare("1.50", "1.5"));
        Assert.IsNull(JsonComparer.Compare("1.5E+3", "1500.0"));
        Assert.IsNull(JsonComparer.Compare("0.0", "-0.0"));
        Assert.IsNull(JsonComparer.Compare("100000000000000000000000000001", "100000000000000000000000000001"));
        Assert.IsNotNull(JsonComparer.Compare("100000000000000000000000000001", "100000000000000000000000000002"));
        Assert.IsNotNull(JsonComparer.Compare("0.1", "0.10000000000000001"));
        Assert.IsTrue(JsonComparer.NumbersEqual("15E-1", "1.5"));
        Assert.IsFalse(JsonComparer.NumbersEqual("-1", "1"));
    }

    [TestMethod]
    public void Float_kind_is_a_fraction_or_an_exponent()
    {
        Assert.IsTrue(JsonComparer.IsFloatText("1.0"));
        Assert.IsTrue(JsonComparer.IsFloatText("1E+3"));
        Assert.IsTrue(JsonComparer.IsFloatText("2e-1"));
        Assert.IsFalse(JsonComparer.IsFloatText("-12"));
    }

    [TestMethod]
    public void Missing_and_unexpected_fields_are_named()
    {
        var d = JsonComparer.Compare("{\"a\": 1, \"b\": 2}", "{\"a\": 1, \"z\": 2}");
        Assert.IsNotNull(d);
        Assert.AreEqual("missing field(s) b; unexpected field(s) z", d.Message);
    }

    [TestMethod]
    public void Duplicate_keys_in_the_output_are_a_difference()
    {
        var d = JsonComparer.Compare("{\"a\": 1}", "{\"a\": 1, \"a\": 1}");
        Assert.IsNotNull(d);
        StringAssert.Contains(d.Message, "duplicate key \"a\"");
    }

    [TestMethod]
    public void Strings_booleans_and_null_are_compared_by_value_and_type()
    {
        Assert.IsNotNull(JsonComparer.Compare("true", "false"));
        Assert.IsNotNull(JsonComparer.Compare("null", "false"));
        Assert.IsNotNull(JsonComparer.Compare("\"1\"", "1"));
        Assert.IsNull(JsonComparer.Compare("\"\\u003c\"", "\"<\""));
        Assert.AreEqual("list length: expected 2, got 1", JsonComparer.Compare("[1, 2]", "[1]")!.Message);
    }

    [TestMethod]
    public void Output_that_is_not_json_is_a_difference()
    {
        var d = JsonComparer.Compare("{}", "a: 1");
        Assert.IsNotNull(d);
        StringAssert.StartsWith(d.Message, "output is not valid JSON");
    }

    [TestMethod]
    public void Quoted_keys_appear_in_the_path()
    {
        var d = JsonComparer.Compare("{\"a-b\": {\"c\": 1}}", "{\"a-b\": {\"c\": 2}}");
        Assert.AreEqual("$[\"a-b\"].c", d!.Path);
    }
}
