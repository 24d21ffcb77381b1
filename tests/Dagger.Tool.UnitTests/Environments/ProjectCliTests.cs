namespace Dagger.Tool.UnitTests.Environments;

/// <summary>init, new, list, -e, --project and DAGGER_&lt;FLAG&gt;: the original tests/cli.bats (dagger init, dagger new) and the issue's rules.</summary>
[TestClass]
public sealed class ProjectCliTests
{
    [TestMethod]
    public async Task Init_makes_a_project_list_prints_nothing_and_init_again_is_safe()
    {
        using var w = new Workspace();
        var output = await w.OkAsync("init");
        StringAssert.Contains(output, ".dagger/env: created");
        Assert.IsTrue(Directory.Exists(Path.Combine(w.Root, ".dagger", "env")));
        Assert.IsTrue(File.Exists(Path.Combine(w.Root, "cue.mod", "module.cue")));
        Assert.AreEqual(string.Empty, await w.OkAsync("list"));

        var again = await w.OkAsync("init");
        StringAssert.Contains(again, ".dagger/env: already a dagger project");
        Assert.AreEqual(string.Empty, await w.OkAsync("list"));
    }

    [TestMethod]
    public async Task New_fails_outside_a_project_then_creates_lists_and_refuses_a_second_of_the_same_name()
    {
        using var w = new Workspace();
        var error = await w.FailAsync("new", "test");
        StringAssert.Contains(error, "DAG6002");
        StringAssert.Contains(error, "dagger init");

        await w.OkAsync("init");
        Assert.AreEqual(string.Empty, await w.OkAsync("list"));
        await w.OkAsync("new", "test");
        Assert.AreEqual($"test\t{Path.Combine(w.Root, ".dagger", "env", "test")}\n", await w.OkAsync("list"));
        Assert.AreEqual("plan: {}\nname: test\ninputs: {}\n", await File.ReadAllTextAsync(w.Values("test")));
        Assert.AreEqual("# dagger state: computed values, history, lock\nstate/\n", await File.ReadAllTextAsync(Path.Combine(w.Root, ".dagger", "env", "test", ".gitignore")));

        StringAssert.Contains(await w.FailAsync("new", "test"), "DAG6004: environment \"test\" already exists");
        StringAssert.Contains(await w.FailAsync("new", "other", "-e", "test"), "DAG5001");
    }

    [TestMethod]
    public async Task New_keeps_the_package_and_platform_and_list_shows_home_as_tilde()
    {
        using var w = new Workspace();
        w.Variables["HOME"] = w.Top;
        await w.OkAsync("init");
        Directory.CreateDirectory(Path.Combine(w.Root, "ci"));
        await w.OkAsync("new", "a", "--package", "ci", "--platform", "linux/arm64");
        await w.OkAsync("new", "b", "-p", "alpha.dagger.io/test/b");
        Assert.AreEqual("plan:\n  package: ./ci\nname: a\nplatform: linux/arm64\ninputs: {}\n", await File.ReadAllTextAsync(w.Values("a")));
        Assert.AreEqual("plan:\n  package: alpha.dagger.io/test/b\nname: b\ninputs: {}\n", await File.ReadAllTextAsync(w.Values("b")));
        Assert.AreEqual("a\t~/project/.dagger/env/a\nb\t~/project/.dagger/env/b\n", await w.OkAsync("list"));
        StringAssert.Contains(await w.FailAsync("new", "c", "--platform", "linux"), "DAG5001");
        StringAssert.Contains(await w.FailAsync("new", "../c"), "not a valid environment name");
    }

    [TestMethod]
    public async Task The_project_is_found_by_walking_up_or_named_by_project_or_DAGGER_PROJECT()
    {
        using var w = new Workspace();
        await w.WithPlanAsync("package main\n\nname: string @dagger(input)\n");
        var deep = Path.Combine(w.Root, "src", "deep");
        Directory.CreateDirectory(deep);
        w.Cwd = deep;
        StringAssert.StartsWith(await w.OkAsync("list"), "test\t");

        w.Cwd = w.Top;
        StringAssert.Contains(await w.FailAsync("list"), "DAG6002");
        StringAssert.StartsWith(await w.OkAsync("list", "--project", w.Root), "test\t");
        w.Variables["DAGGER_PROJECT"] = w.Root;
        StringAssert.StartsWith(await w.OkAsync("list"), "test\t");
        await w.OkAsync("input", "text", "name", "from afar");
        StringAssert.Contains(await File.ReadAllTextAsync(w.Values("test")), "text: from afar");
    }

    [TestMethod]
    public async Task One_environment_is_chosen_alone_several_need_e_or_DAGGER_ENVIRONMENT_and_the_error_lists_them()
    {
        using var w = new Workspace();
        await w.WithPlanAsync("package main\n\nname: string @dagger(input)\n", "a");
        await w.OkAsync("input", "text", "name", "only one");
        await w.OkAsync("new", "b");

        var error = await w.FailAsync("input", "text", "name", "which?");
        StringAssert.Contains(error, "DAG6003: multiple environments available in the project, select one with --environment: a, b");
        StringAssert.Contains(await w.FailAsync("query", "-e", "c"), "environment \"c\" does not exist");

        await w.OkAsync("input", "-e", "b", "text", "name", "b's");
        w.Variables["DAGGER_ENVIRONMENT"] = "a";
        await w.OkAsync("input", "text", "name", "a's");
        Assert.AreEqual("\"a's\"\n", await w.OkAsync("query", "name"));
        Assert.AreEqual("b's\n", await w.OkAsync("query", "--environment", "b", "name", "-f", "text"));
    }

    [TestMethod]
    public async Task Every_flag_reads_DAGGER_FLAG_when_not_on_the_command_line()
    {
        using var w = new Workspace();
        await w.WithPlanAsync("package main\n\nfoo: \"value\"\n");
        w.Variables["DAGGER_FORMAT"] = "cue";
        StringAssert.Contains(await w.OkAsync("query"), "foo: \"value\"");
        Assert.AreEqual("value\n", await w.OkAsync("query", "foo", "--format", "text"), "the command line wins");
        w.Variables["DAGGER_FORMAT"] = "nonsense";
        StringAssert.Contains(await w.FailAsync("query"), "DAG5001");
    }
}
