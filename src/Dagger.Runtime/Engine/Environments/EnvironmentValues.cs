using System.Collections.Immutable;

namespace Dagger.Runtime.Engine.Environments;

/// <summary>Where an environment's plan is: a folder of the project (the CUE module) and a package in it.</summary>
/// <param name="Module">The module's folder, relative to the project (<c>.</c> when null).</param>
/// <param name="Package">The package: a path inside the module such as <c>./ci</c>, or an import path such as
/// <c>alpha.dagger.io/test/a</c>; the module's own folder when null.</param>
public sealed record PlanSource(string? Module = null, string? Package = null);

/// <summary>
/// The content of an environment's <c>values.yaml</c>: its name, its plan, its platform and the inputs the user set,
/// by CUE path. Secret values are held encrypted (age, armoured); everything else is plain.
/// </summary>
public sealed record EnvironmentValues
{
    /// <summary>The environment's name.</summary>
    public required string Name { get; init; }

    /// <summary>The plan.</summary>
    public PlanSource Plan { get; init; } = new();

    /// <summary>The platform the plan runs on (<c>linux/amd64</c>), or null for the engine's own.</summary>
    public string? Platform { get; init; }

    /// <summary>The inputs, by CUE path (<c>""</c> for the root), in path order.</summary>
    public ImmutableSortedDictionary<string, StoredInput> Inputs { get; init; } = ImmutableSortedDictionary.Create<string, StoredInput>(StringComparer.Ordinal);
}

/// <summary>An input as <c>values.yaml</c> keeps it: exactly one kind, with its value.</summary>
public abstract record StoredInput
{
    /// <summary>The kind, as the YAML key spells it: <c>text</c>, <c>json</c>, <c>yaml</c>, <c>bool</c>, <c>secret</c>,
    /// <c>dir</c>, <c>git</c>, <c>file</c> or <c>socket</c>.</summary>
    public abstract string Kind { get; }
}

/// <summary>A string.</summary>
/// <param name="Text">The string.</param>
public sealed record TextValue(string Text) : StoredInput
{
    /// <inheritdoc />
    public override string Kind => "text";
}

/// <summary>A JSON document.</summary>
/// <param name="Json">Its text.</param>
public sealed record JsonValue(string Json) : StoredInput
{
    /// <inheritdoc />
    public override string Kind => "json";
}

/// <summary>A YAML document.</summary>
/// <param name="Yaml">Its text.</param>
public sealed record YamlValue(string Yaml) : StoredInput
{
    /// <inheritdoc />
    public override string Kind => "yaml";
}

/// <summary>A boolean.</summary>
/// <param name="Value">The boolean.</param>
public sealed record BoolValue(bool Value) : StoredInput
{
    /// <inheritdoc />
    public override string Kind => "bool";
}

/// <summary>A secret, encrypted with age for the user's key and the project's recipients.</summary>
/// <param name="Armored">The age file, ASCII-armoured.</param>
public sealed record SecretValue(string Armored) : StoredInput
{
    /// <inheritdoc />
    public override string Kind => "secret";
}

/// <summary>A folder of the project, sent as an artifact.</summary>
/// <param name="Path">The folder, relative to the project (<c>./src</c>).</param>
/// <param name="Include">Patterns of the files to send (all when empty).</param>
/// <param name="Exclude">Patterns of the files to leave out.</param>
public sealed record DirValue(string Path, ImmutableArray<string> Include, ImmutableArray<string> Exclude) : StoredInput
{
    /// <inheritdoc />
    public override string Kind => "dir";
}

/// <summary>A git checkout, as an artifact.</summary>
/// <param name="Remote">The repository's URL.</param>
/// <param name="Ref">The branch, tag or commit.</param>
/// <param name="Dir">A folder inside the checkout, or null for all of it.</param>
public sealed record GitValue(string Remote, string Ref = "HEAD", string? Dir = null) : StoredInput
{
    /// <inheritdoc />
    public override string Kind => "git";
}

/// <summary>The bytes of a file of the project.</summary>
/// <param name="Path">The file, relative to the project.</param>
public sealed record FileValue(string Path) : StoredInput
{
    /// <inheritdoc />
    public override string Kind => "file";
}

/// <summary>A local unix socket.</summary>
/// <param name="Unix">The socket's path.</param>
public sealed record SocketValue(string Unix) : StoredInput
{
    /// <inheritdoc />
    public override string Kind => "socket";
}
