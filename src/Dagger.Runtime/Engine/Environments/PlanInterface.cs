using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;

namespace Dagger.Runtime.Engine.Environments;

/// <summary>A value a plan marks as an input (<c>@dagger(input)</c> or <c>dagger.#Input</c>), as <c>dagger input list</c> shows it.</summary>
/// <param name="Path">Its CUE path.</param>
/// <param name="Value">Its kind (<c>dagger.#Secret</c>, <c>dagger.#Artifact</c>, <c>string</c>) or its CUE text (<c>*"yolo" | string</c>, <c>21</c>).</param>
/// <param name="IsSet">Whether it has a value: concrete, or a secret, artifact or stream that was given.</param>
/// <param name="HasDefault">Whether it has a default.</param>
/// <param name="SetByUser">Whether <c>values.yaml</c> has an input at this exact path.</param>
/// <param name="Description">Its doc comment on one line, or null.</param>
/// <param name="IsOptional">Whether the plan declares it optional (<c>feed?: dagger.#Artifact @dagger(input)</c>).</param>
public sealed record InputInfo(string Path, string Value, bool IsSet, bool HasDefault, bool SetByUser, string? Description, bool IsOptional = false)
{
    /// <summary>Whether a run needs it set: it has no value, no default, and is not optional.</summary>
    public bool IsRequired => !IsSet && !HasDefault && !IsOptional;
}

/// <summary>A value a plan marks as an output, as <c>dagger output list</c> shows it.</summary>
/// <param name="Path">Its CUE path.</param>
/// <param name="Value">Its kind (<c>dagger.#Artifact</c>) or its CUE text.</param>
/// <param name="Description">Its doc comment on one line, or null.</param>
public sealed record OutputInfo(string Path, string Value, string? Description);

/// <summary>
/// Finds the inputs and outputs of a plan. A value that is a reference to another (<c>cfg2: cfg</c>) is not scanned,
/// unless it refers to a definition, so that one input is not listed twice.
/// </summary>
public static class PlanInterface
{
    /// <summary>The inputs of <paramref name="root"/>, in the plan's order.</summary>
    /// <param name="root">The plan with the user's inputs filled.</param>
    /// <param name="setByUser">The paths that <c>values.yaml</c> sets.</param>
    public static IReadOnlyList<InputInfo> Inputs(CueValue root, IReadOnlySet<string> setByUser)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(setByUser);
        return CueContext.RunWithLargeStack(() =>
        {
            var found = new List<InputInfo>();
            Walk(root, "input", skipReferences: true, (v, optional) => found.Add(DescribeInput(v, setByUser) with { IsOptional = optional }), 0);
            return (IReadOnlyList<InputInfo>)found;
        });
    }

    /// <summary>The outputs of <paramref name="root"/>, in the plan's order.</summary>
    public static IReadOnlyList<OutputInfo> Outputs(CueValue root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return CueContext.RunWithLargeStack(() =>
        {
            var found = new List<OutputInfo>();
            Walk(root, "output", skipReferences: false, (v, optional) =>
            {
                if (!optional)
                {
                    found.Add(new OutputInfo(v.Path, Show(v).Text, OneLine(v.Doc)));
                }
            }, 0);
            return (IReadOnlyList<OutputInfo>)found;
        });
    }

    // Inputs behind a reference are the referenced value's own; outputs are listed wherever they are. An optional
    // field that is not there is found too (the original did not list them: users asked, dagger#1487).
    private static void Walk(CueValue value, string marker, bool skipReferences, Action<CueValue, bool> found, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        foreach (var field in value.Fields(CueFieldOptions.Optional))
        {
            var v = field.Value;
            if (skipReferences && !field.IsOptional && IsReference(v))
            {
                continue;
            }

            if (Marked(v, marker))
            {
                found(v, field.IsOptional);
            }
            else if (!field.IsOptional && v.Kind.HasFlag(Cue.Core.Kind.Struct) && Special(v) is null)
            {
                Walk(v, marker, skipReferences, found, depth + 1);
            }
        }
    }

    private static bool Marked(CueValue value, string marker) =>
        value.Attributes("dagger").Concat(value.DeclarationAttributes("dagger")).Any(a => a.Args.Count > 0 && a.Args[0] == marker);

    // cfg2: cfg refers to a regular value: its inputs are cfg's. #A & {...} refers to a definition: scanned.
    private static bool IsReference(CueValue value)
    {
        var references = value.References();
        return references.Count > 0 && references.Any(r => !r.Path.Contains('#', StringComparison.Ordinal));
    }

    /// <summary>The dagger type of a value: <c>dagger.#Secret</c>, <c>dagger.#Stream</c>, <c>dagger.#Artifact</c>, or null.</summary>
    internal static string? Special(CueValue value)
    {
        var attributes = value.DeclarationAttributes("dagger").Select(a => a.Args.Count > 0 ? a.Args[0] : null).ToHashSet(StringComparer.Ordinal);
        if (attributes.Contains("secret") || value.LookupPath("$dagger.secret") is not null)
        {
            return "dagger.#Secret";
        }

        if (attributes.Contains("stream") || value.LookupPath("$dagger.service") is not null)
        {
            return "dagger.#Stream";
        }

        return attributes.Contains("artifact") || value.LookupPath("#up") is not null ? "dagger.#Artifact" : null;
    }

    private static (string Text, bool IsSet, bool HasDefault) Show(CueValue value)
    {
        if (Special(value) is { } special)
        {
            var set = special switch
            {
                "dagger.#Artifact" => value.LookupPath("#up") is { } up && up.Elements().Count > 0,
                "dagger.#Secret" => value.LookupPath("$dagger.secret.#id") is { } id && IsConcreteScalar(id),
                _ => value.LookupPath("$dagger.service.#id") is { } sid && IsConcreteScalar(sid),
            };
            return (special, set, false);
        }

        var chosen = value.Default(out var hasDefault);
        if (value.Kind.HasFlag(Cue.Core.Kind.Struct) && value.Fields().Any())
        {
            return ("struct", true, hasDefault);
        }

        if (hasDefault && IsConcreteScalar(chosen))
        {
            // As the original showed it: the default, then the kind the value leaves open (*"yolo" | string).
            return ($"*{chosen.ToCue().Trim()} | {Cue.Core.KindNames.Name(value.KindBesideDefault)}", false, true);
        }

        string text;
        try
        {
            text = value.ToCue().Trim();
        }
        catch (CueEvalException e)
        {
            text = e.Message;
        }

        return (text, IsConcreteScalar(value) && !hasDefault, hasDefault);
    }

    private static bool IsConcreteScalar(CueValue value)
    {
        try
        {
            value.Validate(concrete: true);
            return value.Error is null;
        }
        catch (CueEvalException)
        {
            return false;
        }
    }

    private static InputInfo DescribeInput(CueValue value, IReadOnlySet<string> setByUser)
    {
        var (text, isSet, hasDefault) = Show(value);
        return new InputInfo(value.Path, text, isSet, hasDefault, setByUser.Contains(value.Path), OneLine(value.Doc));
    }

    /// <summary>A doc comment on one line, without the lines meant for maintainers (FIXME:, TODO:, INTERNAL:).</summary>
    internal static string? OneLine(string? doc)
    {
        if (doc is null)
        {
            return null;
        }

        var lines = doc.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("FIXME:", StringComparison.Ordinal) && !l.StartsWith("TODO:", StringComparison.Ordinal) && !l.StartsWith("INTERNAL:", StringComparison.Ordinal));
        var text = string.Join(" ", lines);
        return text.Length == 0 ? null : text;
    }

}
