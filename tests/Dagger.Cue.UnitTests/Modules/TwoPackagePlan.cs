namespace Dagger.Cue.UnitTests.Modules;

/// <summary>
/// A dagger-style plan spread over a module: the root package <c>plan</c> (two files) imports the module's own
/// sub-package <c>example.com/plan/steps</c> (two files) and a vendored third-party package
/// <c>vendor.org/lib</c>, which imports its own sub-package <c>vendor.org/lib/util</c> (also imported by the
/// plan). <c>prod/</c> holds more files of package <c>plan</c>, so loading it also takes the root's files.
/// </summary>
internal static class TwoPackagePlan
{
    public static IReadOnlyDictionary<string, string> Module { get; } = new Dictionary<string, string>
    {
        ["cue.mod/module.cue"] = "module: \"example.com/plan\"\n",
        ["plan.cue"] = """
            package plan

            import (
            	"example.com/plan/steps"
            	"vendor.org/lib"
            	"vendor.org/lib/util"
            )

            build: lib.#Step & {
            	name: "build"
            	cmd:  steps.build
            	env: GOOS: "linux"
            }
            test: lib.#Step & {name: "test", cmd: steps.test}
            image: steps.image.full
            order: [ for k, v in {b: build, t: test} {"\(k):\(v.name)"}]
            count: steps.count
            label: (util.#Upper & {in: build.name}).out

            """,
        ["deploy.cue"] = """
            package plan

            import "vendor.org/lib/util"

            deploy: {
            	image: util.#Image & {ref: "nginx", tag: "1.21"}
            	after: [build.name, test.name]
            	#up: [{do: "fetch-container", ref: image.full}]
            }

            """,
        ["prod/prod.cue"] = "package plan\n\ndeploy: replicas: 3\n",
        ["steps/steps.cue"] = """
            package steps

            import "vendor.org/lib/util"

            build: ["go", "build", "./..."]
            image: util.#Image & {ref: "golang"}
            _private: 3
            count:    _private * 2

            """,
        ["steps/test.cue"] = "package steps\n\ntest: [\"go\", \"test\", \"-race\"]\n",
        ["cue.mod/pkg/vendor.org/lib/lib.cue"] = """
            package lib

            import "vendor.org/lib/util"

            // A step runs a command in a container.
            #Step: {
            	name: util.#Name
            	cmd: [...string]
            	env: [string]: string
            	#up: [
            		{do: "fetch-container", ref: "alpine"},
            		{do: "exec", args: cmd, "env": env, dir: "/src"},
            	]
            	id: "step-\(name)"
            }

            """,
        ["cue.mod/pkg/vendor.org/lib/util/util.cue"] = """
            package util

            import "strings"

            #Name: =~"^[a-z][a-z0-9-]*$"
            #Image: {
            	ref:  string
            	tag:  string | *"latest"
            	full: "\(ref):\(tag)"
            }
            #Upper: {
            	in:  string
            	out: strings.ToUpper(in)
            }

            """,
    };

    /// <summary>The files of the vendored packages (under <c>cue.mod/pkg</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Vendored => Module.Where(f => f.Key.StartsWith("cue.mod/pkg/", StringComparison.Ordinal));

    /// <summary>Writes the files under a new temporary directory (all of them, or those that pass <paramref name="keep"/>).</summary>
    public static string Write(IReadOnlyDictionary<string, string> files, Func<string, bool>? keep = null)
    {
        var root = Directory.CreateTempSubdirectory("cue-module-").FullName;
        foreach (var (rel, text) in files.Where(f => keep?.Invoke(f.Key) ?? true))
        {
            var full = Path.Combine(root, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return root;
    }
}
