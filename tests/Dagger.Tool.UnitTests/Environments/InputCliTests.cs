namespace Dagger.Tool.UnitTests.Environments;

/// <summary>
/// dagger input, query, input list and output list: the assertions of the original tests/cli.bats (query, input
/// text/json/yaml/dir/git/bool, input list, output list), on hermetic fixtures. What needs a run is in the
/// integration tier.
/// </summary>
[TestClass]
public sealed class InputCliTests
{
    private const string InputPlan = """
        package main

        import "alpha.dagger.io/dagger"

        input: dagger.#Input & string
        nested: [string]: string
        """;

    [TestMethod]
    public async Task Query_prints_pretty_sorted_json_and_concrete_fails_on_what_is_missing()
    {
        using var w = await new Workspace().WithPlanAsync("""
            package main

            foo: "value"
            bar: "another value"
            computed: string
            """);
        Assert.AreEqual("{\n  \"bar\": \"another value\",\n  \"foo\": \"value\"\n}\n", await w.OkAsync("query"));
        StringAssert.Contains(await w.FailAsync("query", "-c"), "DAG1003");
        Assert.AreEqual("\"value\"\n", await w.OkAsync("query", "foo"));
        Assert.AreEqual("null\n", await w.OkAsync("query", "computed"), "not concrete");
        Assert.AreEqual("{}\n", await w.OkAsync("query", "nothing"), "no such value");
        Assert.AreEqual("bar: another value\nfoo: value\n", await w.OkAsync("query", "-f", "yaml"));
        StringAssert.Contains(await w.OkAsync("query", "-f", "cue"), "computed: string");

        // The computed layer, as a run leaves it in state/computed.json.
        w.Write(".dagger/env/test/state/computed.json", "{\n  \"computed\": \"test\"\n}\n");
        Assert.AreEqual("{\n  \"bar\": \"another value\",\n  \"computed\": \"test\",\n  \"foo\": \"value\"\n}\n", await w.OkAsync("query"));
        await w.OkAsync("query", "-c");
        Assert.AreEqual("{\n  \"bar\": \"another value\",\n  \"foo\": \"value\"\n}\n", await w.OkAsync("query", "--no-computed"));
        Assert.AreEqual("{\n  \"computed\": \"test\"\n}\n", await w.OkAsync("query", "--no-plan"));
    }

    [TestMethod]
    public async Task Input_text_sets_unsets_nests_and_reads_files_and_stdin()
    {
        using var w = await new Workspace().WithPlanAsync(InputPlan);
        var before = await File.ReadAllTextAsync(w.Values("test"));
        StringAssert.Contains(await w.FailAsync("input", "secret", "input", "my input"), "DAG2004");
        StringAssert.Contains(await w.FailAsync("input", "secret", "input.notexist", "my input"), "input.notexist");
        Assert.AreEqual(before, await File.ReadAllTextAsync(w.Values("test")), "values.yaml is left unchanged by a failed input");

        await w.OkAsync("input", "text", "input", "my input");
        Assert.AreEqual("\"my input\"\n", await w.OkAsync("query", "input"));
        await w.OkAsync("input", "unset", "input");
        Assert.AreEqual("null\n", await w.OkAsync("query", "input"));

        await w.OkAsync("input", "text", "nested.input", "nested input");
        Assert.AreEqual("{\n  \"input\": \"nested input\"\n}\n", await w.OkAsync("query", "nested"));
        await w.OkAsync("input", "unset", "nested.input");
        Assert.AreEqual("{}\n", await w.OkAsync("query", "nested"));

        w.Write("input.txt", "from file\n");
        await w.OkAsync("input", "text", "input", "-f", "input.txt");
        Assert.AreEqual("\"from file\\n\"\n", await w.OkAsync("query", "input"));
        await w.OkAsync("input", "unset", "input");
        StringAssert.Contains(await w.FailAsync("input", "text", "input", "-f", "notexist"), "notexist");

        w.Stdin = "from stdin";
        await w.OkAsync("input", "text", "input", "-f", "-");
        Assert.AreEqual("\"from stdin\"\n", await w.OkAsync("query", "input"));
        await w.OkAsync("input", "unset", "input");
        Assert.AreEqual("null\n", await w.OkAsync("query", "input"));
    }

    [TestMethod]
    public async Task Input_json_and_yaml_set_documents_inline_and_from_files()
    {
        using var w = await new Workspace().WithPlanAsync("package main\n\ninput: {...} @dagger(input)\n");
        await w.OkAsync("input", "json", "input", "{\"a\": \"foo\", \"b\": 42}");
        Assert.AreEqual("{\n  \"a\": \"foo\",\n  \"b\": 42\n}\n", await w.OkAsync("query", "input"));
        await w.OkAsync("input", "unset", "input");
        Assert.AreEqual("{}\n", await w.OkAsync("query", "input"));
        w.Write("input.json", "{\"a\": \"from file\", \"b\": 42}");
        await w.OkAsync("input", "json", "input", "-f", "input.json");
        Assert.AreEqual("{\n  \"a\": \"from file\",\n  \"b\": 42\n}\n", await w.OkAsync("query", "input"));
        await w.OkAsync("input", "unset", "input");

        await w.OkAsync("input", "yaml", "input", "a: foo\nb: 42\n");
        Assert.AreEqual("{\n  \"a\": \"foo\",\n  \"b\": 42\n}\n", await w.OkAsync("query", "input"));
        await w.OkAsync("input", "unset", "input");
        w.Write("input.yaml", "a: from file\nb: 42\n");
        await w.OkAsync("input", "yaml", "input", "-f", "input.yaml");
        Assert.AreEqual("{\n  \"a\": \"from file\",\n  \"b\": 42\n}\n", await w.OkAsync("query", "input"));
        StringAssert.Contains(await File.ReadAllTextAsync(w.Values("test")), "yaml: |\n      a: from file\n      b: 42\n", "multi-line values are literal blocks");

        var before = await File.ReadAllTextAsync(w.Values("test"));
        StringAssert.Contains(await w.FailAsync("input", "json", "input", "{not json"), "DAG2004");
        StringAssert.Contains(await w.FailAsync("input", "json", "input", "[1, 2]"), "DAG");
        Assert.AreEqual(before, await File.ReadAllTextAsync(w.Values("test")));
    }

    [TestMethod]
    public async Task Input_dir_must_exist_inside_the_project_and_is_kept_relative()
    {
        using var w = await new Workspace().WithPlanAsync("""
            package main

            import "alpha.dagger.io/dagger"

            source: dagger.#Artifact @dagger(input)
            foo: "bar"
            """);
        var outside = Directory.CreateTempSubdirectory("dagger-outside-").FullName;
        try
        {
            StringAssert.Contains(await w.FailAsync("input", "dir", "source", outside), "is outside the project");
        }
        finally
        {
            Directory.Delete(outside);
        }

        w.Write("testdata/testfile", "thisisatest\n");
        w.Cwd = Path.Combine(w.Root, "testdata");
        await w.OkAsync("input", "dir", "source", ".", "--exclude", "*.tmp");
        StringAssert.Contains(await File.ReadAllTextAsync(w.Values("test")), "dir:\n      path: ./testdata\n      exclude:\n      - '*.tmp'\n");
        Assert.AreEqual("{\n  \"foo\": \"bar\",\n  \"source\": {}\n}\n", await w.OkAsync("query"));
        await w.OkAsync("input", "unset", "source");
        Assert.AreEqual("{\n  \"foo\": \"bar\"\n}\n", await w.OkAsync("query"));
        StringAssert.Contains(await w.FailAsync("input", "dir", "source", "xxx"), "dir xxx doesn't exist");
    }

    [TestMethod]
    public async Task Input_git_keeps_remote_ref_and_subdir()
    {
        using var w = await new Workspace().WithPlanAsync("""
            package main

            import "alpha.dagger.io/dagger"

            source: dagger.#Artifact @dagger(input)
            TestRepo: dagger.#Input & dagger.#Artifact
            """);
        await w.OkAsync("input", "git", "source", "https://example.com/dagger-test-simple");
        await w.OkAsync("input", "git", "TestRepo", "https://example.com/examples", "main", "todoapp");
        var values = await File.ReadAllTextAsync(w.Values("test"));
        StringAssert.Contains(values, "  TestRepo:\n    git:\n      remote: https://example.com/examples\n      ref: main\n      dir: todoapp\n");
        StringAssert.Contains(values, "  source:\n    git:\n      remote: https://example.com/dagger-test-simple\n      ref: HEAD\n");
        var list = await w.OkAsync("input", "list", "--all");
        StringAssert.Contains(list, "source    dagger.#Artifact  true");
    }

    [TestMethod]
    public async Task Input_bool_sets_true_or_false_and_nothing_else()
    {
        using var w = await new Workspace().WithPlanAsync("""
            package main

            import "alpha.dagger.io/dagger"

            first: dagger.#Input & {bool | *false}
            if first == true {
                second: true
            }
            """);
        Assert.AreEqual("false\n", await w.OkAsync("query", "first"));
        Assert.AreEqual("{}\n", await w.OkAsync("query", "second"));
        await w.OkAsync("input", "bool", "first", "true");
        Assert.AreEqual("true\n", await w.OkAsync("query", "first"));
        Assert.AreEqual("true\n", await w.OkAsync("query", "second"));
        await w.OkAsync("input", "bool", "first", "false");
        Assert.AreEqual("false\n", await w.OkAsync("query", "first"));
        Assert.AreEqual("{}\n", await w.OkAsync("query", "second"));
        StringAssert.Contains(await w.FailAsync("input", "bool", "first", "Anything"), "is not a valid boolean");
    }

    private const string ListPlan = """
        package main

        import "alpha.dagger.io/dagger"

        #A: {
            // source dir
            source: dagger.#Artifact @dagger(input)
            // a secret
            key: dagger.#Secret @dagger(input)
            strDef: *"yolo" | string @dagger(input)
            num: int | *42 @dagger(input)
            strSet: string @dagger(input)
            // test url description
            url: "http://this.is.a.test/" @dagger(output)
            str: string @dagger(output)
            foo: int | *42 @dagger(output)
            // FIXME: not shown
            bar: dagger.#Artifact @dagger(output)
        }

        cfgInline: #A
        cfg: #A & {
            num: 21
            strSet: "pipo"
        }
        cfg2: cfg
        """;

    [TestMethod]
    public async Task Input_list_shows_what_is_needed_optional_and_all_but_never_references()
    {
        using var w = await new Workspace().WithPlanAsync(ListPlan);
        var list = await w.OkAsync("input", "list");
        StringAssert.StartsWith(list, "Input");
        StringAssert.Matches(list, new System.Text.RegularExpressions.Regex(@"cfgInline\.source\s+dagger\.#Artifact\s+false\s+source dir"));
        StringAssert.Matches(list, new System.Text.RegularExpressions.Regex(@"cfgInline\.key\s+dagger\.#Secret\s+false\s+a secret"));
        Assert.DoesNotContain("cfgInline.strDef", list);
        Assert.DoesNotContain("cfg.num", list);
        Assert.DoesNotContain("cfg.strSet", list);
        Assert.DoesNotContain("cfg2.", list);

        var optional = await w.OkAsync("input", "list", "--show-optional");
        StringAssert.Matches(optional, new System.Text.RegularExpressions.Regex(@"cfgInline\.strDef\s+\*""yolo"" \| string\s+false"));
        Assert.DoesNotContain("cfg.num ", optional);

        var all = await w.OkAsync("input", "list", "--all");
        StringAssert.Matches(all, new System.Text.RegularExpressions.Regex(@"cfg\.num\s+21\s+false"));
        StringAssert.Matches(all, new System.Text.RegularExpressions.Regex(@"cfg\.strSet\s+""pipo""\s+false"));
        Assert.DoesNotContain("cfg2.", all);

        await w.OkAsync("input", "text", "cfgInline.strSet", "set");
        StringAssert.Matches(await w.OkAsync("input", "list", "--all"), new System.Text.RegularExpressions.Regex(@"cfgInline\.strSet\s+""set""\s+true"));
    }

    [TestMethod]
    public async Task An_optional_input_is_listed_with_the_optional_ones_never_required_and_can_be_set()
    {
        using var w = await new Workspace().WithPlanAsync("""
            package main

            // A tag for the image, when there is one.
            tag?: string @dagger(input)
            name: string @dagger(input)
            """);

        var needed = await w.OkAsync("input", "list");
        StringAssert.Contains(needed, "name");
        Assert.DoesNotContain("tag", needed, "optional: never required");
        StringAssert.Matches(await w.OkAsync("input", "list", "--show-optional"), new System.Text.RegularExpressions.Regex(@"tag\s+string\s+false\s+A tag for the image, when there is one\."));

        await w.OkAsync("input", "text", "tag", "v1");
        StringAssert.Matches(await w.OkAsync("input", "list", "--all"), new System.Text.RegularExpressions.Regex(@"tag\s+""v1""\s+true"));
    }

    [TestMethod]
    public async Task Output_list_shows_each_output_with_its_value_and_description()
    {
        using var w = await new Workspace().WithPlanAsync(ListPlan);
        var list = await w.OkAsync("output", "list");
        StringAssert.StartsWith(list, "Output");
        foreach (var path in new[] { "cfgInline.url", "cfg.url", "cfg2.url" })
        {
            StringAssert.Matches(list, new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(path) + @"\s+""http://this\.is\.a\.test/""\s+test url description"));
        }

        StringAssert.Matches(list, new System.Text.RegularExpressions.Regex(@"cfg2\.bar\s+dagger\.#Artifact"));
        StringAssert.Matches(list, new System.Text.RegularExpressions.Regex(@"cfg2\.str\s+string"));
        StringAssert.Matches(list, new System.Text.RegularExpressions.Regex(@"cfg\.foo\s+\*42 \| int"));
        Assert.DoesNotContain("FIXME", list);
    }

    [TestMethod]
    public async Task A_corrupted_values_yaml_or_computed_json_is_an_error_naming_the_file_and_the_line()
    {
        using var w = await new Workspace().WithPlanAsync("package main\n\nfoo: \"value\"\n");
        await File.WriteAllTextAsync(w.Values("test"), "plan: {}\nname: test\ninputs:\n  foo:\n    text: [unclosed\n");
        var error = await w.FailAsync("query");
        StringAssert.Contains(error, $"DAG6005: {w.Values("test")}:6: While parsing a flow sequence");

        await File.WriteAllTextAsync(w.Values("test"), "plan: {}\nname: test\ninputs:\n  foo:\n    number: 1\n");
        StringAssert.Contains(await w.FailAsync("query"), $"{w.Values("test")}:5: input foo: unknown kind \"number\"");

        await File.WriteAllTextAsync(w.Values("test"), "plan: {}\nname: test\ninputs: {}\n");
        w.Write(".dagger/env/test/state/computed.json", "{\n  \"a\": 1,\n  \"b\": \n}\n");
        var state = await w.FailAsync("query");
        StringAssert.Contains(state, "DAG6006: " + Path.Combine(w.Root, ".dagger", "env", "test", "state", "computed.json") + ":4:");
        Assert.AreEqual("{\n  \"foo\": \"value\"\n}\n", await w.OkAsync("query", "--no-computed"));
    }
}
