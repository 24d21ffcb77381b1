using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;

namespace Dagger.Cue.UnitTests.Unit;

/// <summary>Compiles CUE text and exports it as compact JSON, the way the unit tests compare results.</summary>
internal static class CueRun
{
    public static string Json(string source) =>
        CueContext.RunWithLargeStack(() => new CueContext().Compile(source).ToJson(indent: false));

    public static string Yaml(string source) =>
        CueContext.RunWithLargeStack(() => new CueContext().Compile(source).ToYaml());

    public static CueEvalException Error(string source)
    {
        try
        {
            var json = Json(source);
            throw new AssertFailedException($"expected an error, got {json}");
        }
        catch (CueEvalException e)
        {
            return e;
        }
    }
}
