using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Errors;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Environments.Age;
using Dagger.Runtime.Engine.Plans;

namespace Dagger.Runtime.Engine.Environments;

/// <summary>What <c>dagger query</c> asks for.</summary>
public sealed record QueryRequest
{
    /// <summary>The CUE path to print; the root when empty.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary><c>json</c> (pretty, sorted keys, concrete values only), <c>cue</c>, <c>text</c> or <c>yaml</c>.</summary>
    public string Format { get; init; } = "json";

    /// <summary>Fail unless the value is concrete.</summary>
    public bool Concrete { get; init; }

    /// <summary>Include the plan's CUE package.</summary>
    public bool WithPlan { get; init; } = true;

    /// <summary>Include the environment's inputs.</summary>
    public bool WithInputs { get; init; } = true;

    /// <summary>Include the computed values of the last run.</summary>
    public bool WithComputed { get; init; } = true;
}

/// <summary><c>dagger query</c>: the plan ⊕ the inputs ⊕ the computed values, or a value in them.</summary>
public static class EnvironmentQuery
{
    /// <summary>The text <c>dagger query</c> prints for <paramref name="request"/>.</summary>
    /// <exception cref="DaggerException">A layer does not load, the format is unknown, or <see cref="QueryRequest.Concrete"/> fails.</exception>
    public static string Run(DaggerEnvironment environment, QueryRequest request, Func<AgeKeyring> keys)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Format is not ("json" or "cue" or "text" or "yaml"))
        {
            throw new DaggerException(ErrorCodes.Usage, Message.Format(Messages.QueryUnknownFormat, request.Format));
        }

        var values = environment.Load();
        if (!request.WithInputs)
        {
            values = values with { Inputs = values.Inputs.Clear() };
        }

        var computed = request.WithComputed ? StateStore.ReadComputed(environment) : null;
        var plan = EnvironmentInputs.Load(environment, values, keys, computed, request.WithPlan);
        return CueContext.RunWithLargeStack(() => Render(plan.Root, request));
    }

    private static string Render(CueValue root, QueryRequest request)
    {
        var value = request.Path.Length == 0 ? root : root.LookupPath(request.Path);
        if (value is null)
        {
            return request.Concrete
                ? throw new DaggerException(ErrorCodes.CueIncomplete, Message.Format(Messages.NoSuchValue, request.Path)) { Path = request.Path }
                : "{}";
        }

        if (request.Concrete)
        {
            try
            {
                value.Validate(concrete: true);
            }
            catch (CueEvalException e)
            {
                throw new DaggerException(ErrorCodes.CueIncomplete, Message.Format(Messages.NotConcrete, request.Path.Length == 0 ? Messages.RootPath : request.Path, e.Message)) { Path = request.Path };
            }
        }

        var isData = value.Kind.HasFlag(Cue.Core.Kind.Struct) || value.Kind.HasFlag(Cue.Core.Kind.List);
        var json = isData || value.Default(out _).IsConcrete ? ComputedJson.Render(value) : "null";
        switch (request.Format)
        {
            case "text":
                return value.Default(out _).TryGetString(out var text) ? text : StateStore.Indent(json);
            case "cue":
                try
                {
                    return value.ToCue().TrimEnd();
                }
                catch (CueEvalException e)
                {
                    throw new DaggerException(ErrorCodes.CueEvaluation, e.Message) { Path = request.Path };
                }

            case "yaml":
                return new CueContext().DecodeJson(json).ToYaml().TrimEnd();
            default:
                return StateStore.Indent(json);
        }
    }
}
