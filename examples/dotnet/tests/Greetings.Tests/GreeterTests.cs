using Greetings;

namespace Greetings.Tests;

[TestClass]
public sealed class GreeterTests
{
    [TestMethod]
    public void Greets_a_person_by_name() => Assert.AreEqual("Hello, Ada!", Greeter.Greet("Ada"));

    [TestMethod]
    public void Trims_the_name() => Assert.AreEqual("Hello, Ada!", Greeter.Greet("  Ada "));

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("   ")]
    public void Greets_the_world_without_a_name(string? name) => Assert.AreEqual("Hello, world!", Greeter.Greet(name));
}
