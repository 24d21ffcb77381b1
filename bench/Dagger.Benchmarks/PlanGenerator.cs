using System.Globalization;
using System.Text;

namespace Dagger.Benchmarks;

/// <summary>
/// Writes dagger-style CUE plans of a chosen size for the evaluation benchmarks: one shared <c>#Container</c>
/// definition (disjunction defaults, pattern constraints, an op list built by a comprehension) and N components that
/// unify it with their own settings and reference one to three earlier components through interpolation and env
/// values. Every regular field is concrete, so <c>cue export</c> succeeds.
/// </summary>
public static class PlanGenerator
{
    private const string Definition = """
        package plan

        #Op: {
        	do: string
        	...
        }

        #Container: {
        	name:    string
        	image:   *"dagger-test/busybox:latest" | string
        	version: *"1.0.0" | string
        	tag:     "\(name):\(version)"
        	shell:   *"/bin/sh" | "/bin/bash"
        	dir:     *"/work" | string
        	always:  *false | bool
        	setup: [...string]
        	command: string
        	env: [=~"^[A-Z][A-Z0-9_]*$"]: string
        	env: COMPONENT: name
        	labels: [string]: string
        	labels: "dagger.io/component": name
        	mount: [string]: *"tmpfs" | "cache"
        	retries: *1 | int & >=0 & <=5
        	#up: [...#Op] & [
        		{do: "fetch-container", ref: image},
        		for i, cmd in setup {
        			do: "exec"
        			args: [shell, "-c", cmd]
        			dir:    dir
        			always: false
        			env: STEP: "\(i)"
        		},
        		{
        			do: "exec"
        			args: [shell, "-c", command]
        			"env":  env
        			"dir":  dir
        			"always": always
        			"mount": mount
        		},
        		{do: "export", source: "/out", format: "string"},
        	]
        }

        """;

    /// <summary>Writes <c>cue.mod/module.cue</c> and <c>plan.cue</c> for <paramref name="components"/> components into <paramref name="directory"/>.</summary>
    /// <returns>The path of the plan file.</returns>
    public static string Write(string directory, int components, int seed = 1)
    {
        Directory.CreateDirectory(Path.Combine(directory, "cue.mod"));
        File.WriteAllText(Path.Combine(directory, "cue.mod", "module.cue"), "module: \"bench.dagger.io/plan\"\n");
        var path = Path.Combine(directory, "plan.cue");
        File.WriteAllText(path, Generate(components, seed));
        return path;
    }

    /// <summary>The text of a plan with <paramref name="components"/> components; the same seed gives the same text.</summary>
    public static string Generate(int components, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        var random = new Random(seed);
        var text = new StringBuilder(Definition);
        for (var i = 0; i < components; i++)
        {
            var name = Name(i);
            var refs = i == 0 ? [] : Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(0, i)).Distinct().ToArray();
            text.Append(CultureInfo.InvariantCulture, $"{name}: #Container & {{\n");
            text.Append(CultureInfo.InvariantCulture, $"\tname: \"{name}\"\n");
            if (random.Next(3) == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"\tversion: \"1.{i}.{random.Next(10)}\"\n");
            }

            if (random.Next(4) == 0)
            {
                text.Append("\tshell: \"/bin/bash\"\n");
            }

            var setup = random.Next(0, 4);
            text.Append("\tsetup: [");
            text.AppendJoin(", ", Enumerable.Range(0, setup).Select(s => $"\"mkdir -p /work/{name}/step{s}\""));
            text.Append("]\n");

            var interpolated = string.Join(" ", refs.Select(r => $"\\({Name(r)}.tag)"));
            text.Append(CultureInfo.InvariantCulture, $"\tcommand: \"echo -n {name} built from [{interpolated}] > /out\"\n");
            text.Append("\tenv: {\n");
            foreach (var r in refs)
            {
                text.Append(CultureInfo.InvariantCulture, $"\t\tDEP_{r}: {Name(r)}.env.COMPONENT\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"\t\tLEVEL: \"{i % 7}\"\n\t}}\n");
            if (random.Next(2) == 0)
            {
                text.Append("\tmount: \"/cache\": \"cache\"\n");
            }

            if (random.Next(5) == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"\tretries: {random.Next(0, 6)}\n");
            }

            text.Append("}\n");
        }

        return text.ToString();
    }

    private static string Name(int i) => "component" + i.ToString("D4", CultureInfo.InvariantCulture);
}
