using System.Reflection;
using Dagger.TestRig;

namespace Dagger.MSBuild.UnitTests.Tasks;

/// <summary>The task's own codes are explained in docs/errors.md with the tool's.</summary>
[TestClass]
public sealed class ErrorCodeDocsTests
{
    [TestMethod]
    public void Every_code_of_the_task_is_documented()
    {
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.IsNotEmpty(codes);
        foreach (var code in codes)
        {
            StringAssert.StartsWith(code, "DAG70", "the MSBuild task's codes are DAG70xx");
            Assert.Contains(code, EventContract.Codes, $"{code} is not in docs/errors.md");
        }
    }
}
