using Dagger.MSBuild.Json;

namespace Dagger.MSBuild;

/// <summary>
/// One run of the tool that a project asks for: the plan and the arguments of <c>dagger</c>, which name secrets only by
/// their environment variables. Its JSON, as <see cref="MSBuildText"/> carries it (<see cref="ToProperty"/>), is the
/// MSBuild global property that identifies the run, so that MSBuild runs a plan with the same arguments once per
/// build, however many projects ask for it.
/// </summary>
/// <param name="Plan">The plan's name, as the <c>DaggerPlan</c> item gives it.</param>
/// <param name="PlanDirectory">The plan's folder, absolute.</param>
/// <param name="Arguments">The arguments of the tool, from <c>up</c> on, without <c>--log-format</c>.</param>
/// <param name="DryRun">Whether the run only prints the task graph.</param>
internal sealed record PlanRequest(string Plan, string PlanDirectory, IReadOnlyList<string> Arguments, bool DryRun)
{
    /// <summary>The request as a property value: <see cref="ToJson"/> as <see cref="MSBuildText"/> carries it.</summary>
    public string ToProperty() => MSBuildText.Encode(ToJson());

    /// <summary>Reads <see cref="ToProperty"/>'s text back; null when it is not a request.</summary>
    public static PlanRequest? FromProperty(string text) => MSBuildText.Decode(text) is { } json ? FromJson(json) : null;

    /// <summary>The request as JSON.</summary>
    public string ToJson() => JsonWriter.Write(new Dictionary<string, object?>
    {
        ["plan"] = Plan,
        ["planDirectory"] = PlanDirectory,
        ["arguments"] = Arguments,
        ["dryRun"] = DryRun,
    });

    /// <summary>Reads <see cref="ToJson"/>'s text back; null when it is not a request.</summary>
    public static PlanRequest? FromJson(string text)
    {
        if (!JsonReader.TryParse(text, out var value) || value is not IReadOnlyDictionary<string, object?> fields
            || fields.TryGetValue("plan", out var plan) is false || plan is not string name
            || fields.TryGetValue("planDirectory", out var directory) is false || directory is not string folder
            || fields.TryGetValue("arguments", out var arguments) is false || arguments is not IReadOnlyList<object?> list
            || list.Any(a => a is not string))
        {
            return null;
        }

        return new PlanRequest(name, folder, list.Cast<string>().ToList(), fields.TryGetValue("dryRun", out var dry) && dry is true);
    }
}
