using System.Collections.Immutable;
using Dagger.Runtime.Engine.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dagger.Runtime.Engine.Environments;

/// <summary>
/// Reads and writes <c>values.yaml</c>. Every scalar is read as text (no YAML 1.1 surprises: <c>no</c> stays a
/// string); multi-line values (documents, armoured secrets) are written as literal blocks, so the file diffs line by
/// line.
/// </summary>
public static class ValuesFile
{
    /// <summary>Parses <paramref name="text"/>, read from <paramref name="file"/> (named in errors).</summary>
    /// <exception cref="DaggerException"><see cref="ErrorCodes.ValuesInvalid"/>, naming the file and the line.</exception>
    public static EnvironmentValues Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw Invalid(file, e.Start.Line, e.InnerException?.Message ?? e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these instead of a YamlException on some broken documents (found by the fuzz test:
            // "a: {b:4\nc {d" and "a:\n :"). The last event it read is as near to the fault as it tells, and it may
            // stand past the end of the text.
            var line = Math.Min(parser.Current?.Start.Line ?? 1, text.Split('\n').Length);
            throw Invalid(file, line, Messages.ValuesNotYaml);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Invalid(file, 1, Messages.ValuesNotAMapping);
        }

        string? name = null;
        string? platform = null;
        var plan = new PlanSource();
        var inputs = ImmutableSortedDictionary.CreateBuilder<string, StoredInput>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in root.Children)
        {
            var key = Scalar(keyNode, file);
            switch (key)
            {
                case "name":
                    name = Scalar(value, file);
                    break;
                case "platform":
                    platform = Scalar(value, file);
                    break;
                case "plan":
                    var map = Mapping(value, file, "plan");
                    plan = new PlanSource(Optional(map, "module", file), Optional(map, "package", file));
                    break;
                case "inputs":
                    if (value is YamlScalarNode { Value: null or "" or "null" or "~" })
                    {
                        break;
                    }

                    foreach (var (pathNode, inputNode) in Mapping(value, file, "inputs").Children)
                    {
                        var path = Scalar(pathNode, file);
                        if (!inputs.TryAdd(path, Input(inputNode, file, path)))
                        {
                            throw Invalid(file, pathNode.Start.Line, Message.Format(Messages.ValuesInputSetTwice, path));
                        }
                    }

                    break;
                default:
                    throw Invalid(file, keyNode.Start.Line, Message.Format(Messages.ValuesUnknownKey, key));
            }
        }

        return new EnvironmentValues
        {
            Name = name ?? throw Invalid(file, 1, Messages.ValuesNameMissing),
            Plan = plan,
            Platform = platform,
            Inputs = inputs.ToImmutable(),
        };
    }

    /// <summary>The YAML text of <paramref name="values"/>.</summary>
    public static string Write(EnvironmentValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var plan = new YamlMappingNode();
        if (values.Plan.Module is { } module)
        {
            plan.Add("module", Text(module));
        }

        if (values.Plan.Package is { } package)
        {
            plan.Add("package", Text(package));
        }

        var root = new YamlMappingNode { { "plan", plan }, { "name", Text(values.Name) } };
        if (values.Platform is { } platform)
        {
            root.Add("platform", Text(platform));
        }

        var inputs = new YamlMappingNode();
        foreach (var (path, input) in values.Inputs)
        {
            YamlNode body = input switch
            {
                TextValue t => Text(t.Text),
                JsonValue j => Text(j.Json),
                YamlValue y => Text(y.Yaml),
                BoolValue b => Text(b.Value ? "true" : "false"),
                SecretValue s => Text(s.Armored),
                FileValue f => new YamlMappingNode { { "path", Text(f.Path) } },
                SocketValue s => new YamlMappingNode { { "unix", Text(s.Unix) } },
                DirValue d => Dir(d),
                GitValue g => Git(g),
                _ => throw new ArgumentException($"unknown input {input.Kind}", nameof(values)),
            };
            inputs.Add(Text(path), new YamlMappingNode { { input.Kind, body } });
        }

        root.Add("inputs", inputs);
        var writer = new StringWriter { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();

        // YamlDotNet ends a document with "...": values.yaml is one document.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static YamlMappingNode Dir(DirValue d)
    {
        var map = new YamlMappingNode { { "path", Text(d.Path) } };
        if (!d.Include.IsDefaultOrEmpty)
        {
            map.Add("include", new YamlSequenceNode(d.Include.Select(Text)));
        }

        if (!d.Exclude.IsDefaultOrEmpty)
        {
            map.Add("exclude", new YamlSequenceNode(d.Exclude.Select(Text)));
        }

        return map;
    }

    private static YamlMappingNode Git(GitValue g)
    {
        var map = new YamlMappingNode { { "remote", Text(g.Remote) }, { "ref", Text(g.Ref) } };
        if (g.Dir is { } dir)
        {
            map.Add("dir", Text(dir));
        }

        return map;
    }

    private static YamlScalarNode Text(string text) => new(text)
    {
        Style = text.Contains('\n', StringComparison.Ordinal) && !text.Contains('\r', StringComparison.Ordinal) && !text.Contains('\t', StringComparison.Ordinal) && !text.EndsWith(' ')
            ? ScalarStyle.Literal
            : ScalarStyle.Any,
    };

    private static StoredInput Input(YamlNode node, string file, string path)
    {
        var map = Mapping(node, file, Message.Format(Messages.ValuesInput, path));
        if (map.Children.Count != 1)
        {
            throw Invalid(file, node.Start.Line, Message.Format(Messages.ValuesInputOneKind, path));
        }

        var (kindNode, body) = map.Children.Single();
        var kind = Scalar(kindNode, file);
        switch (kind)
        {
            case "text":
                return new TextValue(Scalar(body, file));
            case "json":
                return new JsonValue(Scalar(body, file));
            case "yaml":
                return new YamlValue(Scalar(body, file));
            case "secret":
                return new SecretValue(Scalar(body, file));
            case "bool":
                return Scalar(body, file) switch
                {
                    "true" => new BoolValue(true),
                    "false" => new BoolValue(false),
                    var other => throw Invalid(file, body.Start.Line, Message.Format(Messages.ValuesNotABoolean, path, other)),
                };
            case "file":
                return new FileValue(Required(Mapping(body, file, path), "path", file, path));
            case "socket":
                return new SocketValue(Required(Mapping(body, file, path), "unix", file, path));
            case "git":
                var git = Mapping(body, file, path);
                return new GitValue(Required(git, "remote", file, path), Optional(git, "ref", file) ?? "HEAD", Optional(git, "dir", file));
            case "dir":
                var dir = Mapping(body, file, path);
                return new DirValue(Required(dir, "path", file, path), List(dir, "include", file), List(dir, "exclude", file));
            default:
                throw Invalid(file, kindNode.Start.Line, Message.Format(Messages.ValuesUnknownKind, path, kind));
        }
    }

    private static ImmutableArray<string> List(YamlMappingNode map, string key, string file)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return [];
        }

        return node is YamlSequenceNode seq
            ? [.. seq.Children.Select(c => Scalar(c, file))]
            : throw Invalid(file, node.Start.Line, Message.Format(Messages.ValuesMustBeAList, key));
    }

    private static string Required(YamlMappingNode map, string key, string file, string path) =>
        Optional(map, key, file) ?? throw Invalid(file, map.Start.Line, Message.Format(Messages.ValuesKeyMissing, path, key));

    private static string? Optional(YamlMappingNode map, string key, string file) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? Scalar(node, file) : null;

    private static YamlMappingNode Mapping(YamlNode node, string file, string what) =>
        node as YamlMappingNode ?? throw Invalid(file, node.Start.Line, Message.Format(Messages.ValuesMustBeAMapping, what));

    private static string Scalar(YamlNode node, string file) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Invalid(file, node.Start.Line, Messages.ValuesNotText);

    private static DaggerException Invalid(string file, long line, string message) =>
        new(ErrorCodes.ValuesInvalid, Message.Format(Messages.ValuesAtLine, file, line, message));
}
