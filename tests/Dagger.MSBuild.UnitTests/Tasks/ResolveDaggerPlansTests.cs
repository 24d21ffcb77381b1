using Dagger.MSBuild.UnitTests.Support;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Dagger.MSBuild.UnitTests.Tasks;

/// <summary>Tier 1: how <c>DaggerPlan</c> and <c>DaggerInput</c> items become the tool's command line.</summary>
[TestClass]
public sealed class ResolveDaggerPlansTests
{
    [TestMethod]
    public void Every_kind_of_input_maps_to_its_option_with_paths_taken_from_the_project()
    {
        using var project = new TempProject();
        var (task, engine) = NewTask(
            project,
            [Item("ci")],
            [
                Item("app.name", ("Value", "web app")),
                Item("app.config", ("Kind", "json"), ("Value", "config.json")),
                Item("app.values", ("Kind", "YAML"), ("Value", "values.yaml")),
                Item("app.debug", ("Kind", "bool"), ("Value", "True")),
                Item("app.key", ("Kind", "file"), ("Value", "/etc/key.pem")),
                Item("app.source", ("Kind", "dir"), ("Value", ".")),
                Item("app.repo", ("Kind", "git"), ("Value", "https://example.com/r.git#main")),
                Item("registry.token", ("Kind", "secret"), ("EnvironmentVariable", "REGISTRY_TOKEN")),
            ]);

        Assert.IsTrue(task.Execute(), engine.Transcript);

        var plan = Path.Combine(project.Folder, "ci");
        CollectionAssert.AreEqual(
            new[]
            {
                "up", "-p", plan,
                "--input-string", "app.name=web app",
                "--input-json", $"app.config={Path.Combine(project.Folder, "config.json")}",
                "--input-yaml", $"app.values={Path.Combine(project.Folder, "values.yaml")}",
                "--input-bool", "app.debug=true",
                "--input-file", "app.key=/etc/key.pem",
                "--input-dir", $"app.source={project.Folder}",
                "--input-git", "app.repo=https://example.com/r.git#main",
                "--input-secret", "registry.token=REGISTRY_TOKEN",
            },
            Arguments(task.Runs.Single()).ToList());
    }

    [TestMethod]
    public void A_dir_input_sends_only_the_files_its_patterns_select()
    {
        using var project = new TempProject();
        var (task, engine) = NewTask(
            project,
            [Item("ci")],
            [Item("source", ("Kind", "dir"), ("Value", ".."), ("IncludePatterns", "src/**; tests/**;"), ("ExcludePatterns", "**/bin;**/obj"))]);

        Assert.IsTrue(task.Execute(), engine.Transcript);

        CollectionAssert.AreEqual(
            new[]
            {
                "up", "-p", Path.Combine(project.Folder, "ci"),
                "--input-dir", $"source={Path.GetFullPath(Path.Combine(project.Folder, ".."))}",
                "--input-dir-include", "source=src/**", "--input-dir-include", "source=tests/**",
                "--input-dir-exclude", "source=**/bin", "--input-dir-exclude", "source=**/obj",
            },
            Arguments(task.Runs.Single()).ToList());
    }

    [TestMethod]
    public void A_plan_in_the_projects_own_folder_is_named_after_the_folder()
    {
        using var project = new TempProject();
        var (task, engine) = NewTask(project, [Item(".")], []);

        Assert.IsTrue(task.Execute(), engine.Transcript);

        Assert.AreEqual(Path.GetFileName(project.Folder), task.Runs.Single().ItemSpec);
        CollectionAssert.AreEqual(new[] { "up", "-p", project.Folder }, Arguments(task.Runs.Single()).ToList());
    }

    [TestMethod]
    public void Patterns_on_an_input_that_is_not_a_dir_are_refused()
    {
        using var project = new TempProject();
        var (task, engine) = NewTask(project, [Item("ci")], [Item("name", ("Value", "x"), ("ExcludePatterns", "obj"))]);

        Assert.IsFalse(task.Execute());

        StringAssert.Contains(engine.Transcript, "DaggerInput 'name' has ExcludePatterns, which only inputs of Kind 'dir' take.");
    }

    [TestMethod]
    public void Environment_and_Target_map_to_e_and_target_and_the_properties_to_their_options()
    {
        using var project = new TempProject();
        var (task, engine) = NewTask(project, [Item("ci/", ("Environment", "dev"), ("Target", "app.image"))], []);
        task.NoCache = true;
        task.Platform = "linux/arm64";
        task.Engine = "tcp://buildkitd:1234";
        task.DryRun = true;

        Assert.IsTrue(task.Execute(), engine.Transcript);

        CollectionAssert.AreEqual(
            new[] { "up", "-p", Path.Combine(project.Folder, "ci"), "-e", "dev", "--target", "app.image", "--no-cache", "--platform", "linux/arm64", "--engine", "tcp://buildkitd:1234", "--dry-run" },
            Arguments(task.Runs.Single()).ToList());
        Assert.IsTrue(PlanRequest.FromProperty(task.Runs.Single().GetMetadata("Request"))!.DryRun);
    }

    [TestMethod]
    public void A_secret_is_named_by_its_variable_and_its_value_is_never_in_the_request()
    {
        using var project = new TempProject();
        var variable = "DAGGER_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "s3cr3t-value");
        try
        {
            var (task, engine) = NewTask(project, [Item("ci")], [Item("token", ("Kind", "secret"), ("EnvironmentVariable", variable))]);

            Assert.IsTrue(task.Execute(), engine.Transcript);

            var run = task.Runs.Single();
            CollectionAssert.Contains(Arguments(run).ToList(), $"token={variable}");
            Assert.IsFalse(run.GetMetadata("Request").Contains("s3cr3t", StringComparison.Ordinal));
            Assert.IsFalse(File.ReadAllText(run.GetMetadata("RequestFile")).Contains("s3cr3t", StringComparison.Ordinal));
            Assert.IsFalse(engine.Transcript.Contains("s3cr3t", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [TestMethod]
    public void A_secret_written_in_the_project_is_refused_without_repeating_it()
    {
        using var project = new TempProject();
        var (task, engine) = NewTask(project, [Item("ci")], [Item("token", ("Kind", "secret"), ("Value", "hunter2"))]);

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual("DAG7005", error.Code);
        StringAssert.Contains(error.Message, "EnvironmentVariable");
        Assert.IsFalse(engine.Transcript.Contains("hunter2", StringComparison.Ordinal));
        Assert.AreEqual(0, task.Runs.Length);
    }

    [TestMethod]
    [DataRow("kind", "text", "zip", "", "has Kind 'zip'; the kinds are text, json, yaml, bool, file, dir, git, secret.")]
    [DataRow("bool", "bool", "maybe", "", "has Value 'maybe'; it must be true or false.")]
    [DataRow("file", "file", "", "", "of Kind 'file' has no Value.")]
    [DataRow("secret", "secret", "", "", "is a secret without EnvironmentVariable")]
    [DataRow("variable", "text", "", "HOME", "has EnvironmentVariable, which only secrets take; use Value=\"$(HOME)\"")]
    public void An_invalid_input_is_a_coded_error_that_says_what_to_write(string key, string kind, string value, string variable, string expected)
    {
        using var project = new TempProject();
        var kindName = key == "kind" ? "zip" : kind;
        var (task, engine) = NewTask(project, [Item("ci")], [Item(key, ("Kind", kindName), ("Value", value), ("EnvironmentVariable", variable))]);

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("DAG7005", engine.Errors.Single().Code);
        StringAssert.Contains(engine.Errors.Single().Message, $"DaggerInput '{key}' ");
        StringAssert.Contains(engine.Errors.Single().Message, expected);
    }

    [TestMethod]
    public void Inputs_with_Plan_metadata_go_to_that_plan_only_and_unknown_plans_and_duplicates_are_errors()
    {
        using var project = new TempProject();
        var (task, engine) = NewTask(project, [Item("ci"), Item("deploy")], [Item("shared", ("Value", "1")), Item("only", ("Value", "2"), ("Plan", "deploy"))]);

        Assert.IsTrue(task.Execute(), engine.Transcript);
        CollectionAssert.DoesNotContain(Arguments(task.Runs[0]).ToList(), "only=2");
        CollectionAssert.Contains(Arguments(task.Runs[0]).ToList(), "shared=1");
        CollectionAssert.Contains(Arguments(task.Runs[1]).ToList(), "only=2");

        (task, engine) = NewTask(project, [Item("ci"), Item("ci")], [Item("x", ("Value", "1"), ("Plan", "nope"))]);
        Assert.IsFalse(task.Execute());
        CollectionAssert.AreEqual(
            new[] { "DaggerPlan 'ci' is listed twice; list each plan once.", "DaggerInput 'x' is for Plan 'nope', which no DaggerPlan item names." },
            engine.Errors.Select(e => e.Message).ToList());
    }

    [TestMethod]
    public void The_files_a_plan_reads_are_its_cue_files_its_module_and_its_input_files()
    {
        using var project = new TempProject();
        var plan = project.Write("ci/main.cue", "package ci");
        var sub = project.Write("ci/sub/lib.cue", "package sub");
        var module = project.Write("cue.mod/module.cue", "module: \"x\"");
        var vendored = project.Write("cue.mod/pkg/example.com/lib/lib.json", "{}");
        project.Write("ci/notes.txt", "not read");
        project.Write("ci/.dagger/env/dev/values.yaml", "a: 1");
        var config = project.Write("config.json", "{}");
        var source = project.Write("src/app.cs", "class A {}");
        project.Write("src/.git/HEAD", "ref");
        var (task, engine) = NewTask(project, [Item("ci")], [Item("config", ("Kind", "json"), ("Value", "config.json")), Item("src", ("Kind", "dir"), ("Value", "src"))]);

        Assert.IsTrue(task.Execute(), engine.Transcript);

        var stamp = task.Runs.Single().GetMetadata("StampFile");
        CollectionAssert.AreEquivalent(new[] { plan, sub, module, vendored, config, source }, task.InputFiles.Select(f => f.ItemSpec).ToList());
        Assert.IsTrue(task.InputFiles.All(f => f.GetMetadata("StampFile") == stamp && f.GetMetadata("Plan") == "ci"));
        StringAssert.StartsWith(stamp, Path.Combine(project.Folder, "obj", "dagger", "ci-"));
    }

    [TestMethod]
    public void The_request_file_changes_only_when_the_request_does()
    {
        using var project = new TempProject();
        var (task, engine) = NewTask(project, [Item("ci")], [Item("name", ("Value", "a"))]);
        Assert.IsTrue(task.Execute(), engine.Transcript);
        var file = task.Runs.Single().GetMetadata("RequestFile");
        var written = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(file, written);

        (task, _) = NewTask(project, [Item("ci")], [Item("name", ("Value", "a"))]);
        Assert.IsTrue(task.Execute());
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(file));

        (task, _) = NewTask(project, [Item("ci")], [Item("name", ("Value", "b"))]);
        Assert.IsTrue(task.Execute());
        Assert.AreNotEqual(written, File.GetLastWriteTimeUtc(file));
        StringAssert.Contains(File.ReadAllText(file), "name=b");
    }

    private static IEnumerable<string> Arguments(ITaskItem run) => PlanRequest.FromProperty(run.GetMetadata("Request"))!.Arguments;

    private static (ResolveDaggerPlans Task, FakeBuildEngine Engine) NewTask(TempProject project, ITaskItem[] plans, ITaskItem[] inputs)
    {
        var engine = new FakeBuildEngine();
        var task = new ResolveDaggerPlans
        {
            BuildEngine = engine,
            Plans = plans,
            Inputs = inputs,
            ProjectDirectory = project.Folder,
            StateDirectory = Path.Combine(project.Folder, "obj", "dagger"),
        };
        return (task, engine);
    }

    private static TaskItem Item(string spec, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(spec);
        foreach (var (name, value) in metadata)
        {
            item.SetMetadata(name, value);
        }

        return item;
    }
}
