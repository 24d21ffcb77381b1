using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;

namespace Dagger.Runtime.Engine.Plans;

/// <summary>Finds the values a plan marks with <c>@dagger(output)</c>, as a field attribute or through <c>dagger.#Output</c>.</summary>
public static class PlanOutputs
{
    /// <summary>The outputs of <paramref name="root"/>, in the plan's field order.</summary>
    public static IReadOnlyList<PlanOutput> Find(CueValue root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return CueContext.RunWithLargeStack(() =>
        {
            var outputs = new List<PlanOutput>();
            Walk(root, outputs);
            return (IReadOnlyList<PlanOutput>)outputs;
        });
    }

    private static void Walk(CueValue value, List<PlanOutput> outputs)
    {
        foreach (var field in value.Fields())
        {
            if (IsOutput(field.Value))
            {
                outputs.Add(Describe(field.Value));
            }
            else if (field.Value.Kind.HasFlag(Cue.Core.Kind.Struct))
            {
                Walk(field.Value, outputs);
            }
        }
    }

    // Marked on the field (message: string @dagger(output)) or inside the value's definition (dagger.#Output).
    private static bool IsOutput(CueValue value) =>
        value.Attributes("dagger").Concat(value.DeclarationAttributes("dagger")).Any(a => a.Contents.Split(',')[0].Trim() == "output");

    private static string TypeOf(CueValue value)
    {
        var kind = value.Kind;
        const Cue.Core.Kind composite = Cue.Core.Kind.Struct | Cue.Core.Kind.List;
        if ((kind & composite) == 0 || value.LookupPath("#up") is null)
        {
            return Cue.Core.KindNames.Name(kind);
        }

        return "dagger.#Artifact";
    }

    private static PlanOutput Describe(CueValue value)
    {
        var v = value.Default(out _);
        string? json = null;
        try
        {
            json = v.ToJson(indent: false);
        }
        catch (CueEvalException)
        {
            // Not concrete (yet): shown by its type.
        }

        string cue;
        try
        {
            // A value that is not concrete (yet) is shown by its type, as the original's output list did: its
            // CUE text would be the whole pipeline that was meant to compute it.
            cue = json is not null ? v.ToCue().Trim() : TypeOf(v);
        }
        catch (CueEvalException e)
        {
            cue = e.Message;
        }

        return new PlanOutput(value.Path, json, cue, value.Doc);
    }
}
