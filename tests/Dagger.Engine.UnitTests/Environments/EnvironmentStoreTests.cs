using System.Collections.Immutable;
using Dagger.Runtime.Engine.Diagnostics;
using Dagger.Runtime.Engine.Environments;
using Dagger.Runtime.Engine.Environments.Age;
using Dagger.Runtime.Engine.Runs;

namespace Dagger.Engine.UnitTests.Environments;

/// <summary>The environment store without an engine: age, values.yaml, the computed layer, the history and the lock.</summary>
[TestClass]
public sealed class EnvironmentStoreTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(0)]
    [DataRow(5)]
    [DataRow(64 * 1024)]
    [DataRow((64 * 1024) + 1)]
    [DataRow((3 * 64 * 1024) + 17)]
    public void Age_round_trips_every_size_across_chunk_boundaries(int size)
    {
        var identity = AgeIdentity.Generate();
        var other = AgeIdentity.Generate();
        var plaintext = new byte[size];
        new Random(size).NextBytes(plaintext);
        var armored = AgeFormat.EncryptArmored(plaintext, [other.Recipient.Raw, identity.Recipient.Raw]);
        StringAssert.StartsWith(armored, "-----BEGIN AGE ENCRYPTED FILE-----\n");
        CollectionAssert.AreEqual(plaintext, AgeFormat.Decrypt(System.Text.Encoding.ASCII.GetBytes(armored), [identity.Secret]));
        CollectionAssert.AreEqual(plaintext, AgeFormat.Decrypt(System.Text.Encoding.ASCII.GetBytes(armored), [other.Secret]));
        Assert.ThrowsExactly<AgeException>(() => AgeFormat.Decrypt(System.Text.Encoding.ASCII.GetBytes(armored), [AgeIdentity.Generate().Secret]));

        // A flipped byte of the payload does not authenticate.
        var binary = Convert.FromBase64String(string.Concat(armored.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        binary[^1] ^= 1;
        Assert.ThrowsExactly<AgeException>(() => AgeFormat.Decrypt(binary, [identity.Secret]));
    }

    [TestMethod]
    public void Age_keys_round_trip_through_their_bech32_text()
    {
        var identity = AgeIdentity.Generate();
        var text = identity.Export();
        StringAssert.StartsWith(text, "AGE-SECRET-KEY-1");
        Assert.AreEqual(identity.Recipient, AgeIdentity.TryParse(text)!.Recipient);
        Assert.AreEqual(identity.Recipient, AgeRecipient.TryParse(identity.Recipient.Text));
        Assert.IsNull(AgeRecipient.TryParse(identity.Recipient.Text[..^1] + (identity.Recipient.Text[^1] == 'q' ? 'p' : 'q')), "the checksum is checked");
        Assert.DoesNotContain(text, identity.ToString());
    }

    [TestMethod]
    public void Values_yaml_round_trips_every_kind_and_keeps_inputs_in_path_order()
    {
        var values = new EnvironmentValues
        {
            Name = "staging",
            Plan = new PlanSource("ci", "./plan"),
            Platform = "linux/arm64",
            Inputs = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, StoredInput>
            {
                ["z.text"] = new TextValue("no"),
                ["a.json"] = new JsonValue("{\"a\": 1}\n"),
                ["b.yaml"] = new YamlValue("a: 1\nb: [2, 3]\n"),
                ["c.bool"] = new BoolValue(true),
                ["d.secret"] = new SecretValue("-----BEGIN AGE ENCRYPTED FILE-----\nabc\n-----END AGE ENCRYPTED FILE-----\n"),
                ["e.dir"] = new DirValue("./src", ["*.go"], ["vendor"]),
                ["f.git"] = new GitValue("https://example.com/r.git", "main", "sub"),
                ["g.file"] = new FileValue("./f.txt"),
                ["h.socket"] = new SocketValue("/var/run/docker.sock"),
                [""] = new JsonValue("{}"),
            }),
        };
        var text = ValuesFile.Write(values);
        StringAssert.StartsWith(text, "plan:\n  module: ci\n  package: ./plan\nname: staging\nplatform: linux/arm64\ninputs:\n  '':\n");
        Assert.IsLessThan(text.IndexOf("z.text", StringComparison.Ordinal), text.IndexOf("a.json", StringComparison.Ordinal));
        var back = ValuesFile.Parse(text, "values.yaml");
        Assert.AreEqual(values.Name, back.Name);
        Assert.AreEqual(values.Plan, back.Plan);
        Assert.AreEqual(values.Platform, back.Platform);
        CollectionAssert.AreEqual(values.Inputs.Keys.ToList(), back.Inputs.Keys.ToList());
        foreach (var (path, input) in values.Inputs)
        {
            switch (input)
            {
                case DirValue d:
                    var e = (DirValue)back.Inputs[path];
                    Assert.AreEqual(d.Path, e.Path);
                    CollectionAssert.AreEqual(d.Include.ToList(), e.Include.ToList());
                    CollectionAssert.AreEqual(d.Exclude.ToList(), e.Exclude.ToList());
                    break;
                default:
                    Assert.AreEqual(input, back.Inputs[path], path);
                    break;
            }
        }

        Assert.AreEqual(text, ValuesFile.Write(back), "writing again changes nothing");
        var error = Assert.ThrowsExactly<DaggerException>(() => ValuesFile.Parse("name: x\ninputs:\n  a:\n    bool: maybe\n", "v.yaml"));
        Assert.AreEqual(ErrorCodes.ValuesInvalid, error.Code);
        Assert.AreEqual("v.yaml:4: input a: \"maybe\" is not a valid boolean", error.Message);
    }

    [TestMethod]
    public void The_computed_layer_is_what_a_run_adds_and_a_target_run_merges_into_the_previous()
    {
        var before = "{\"a\":\"plan\",\"b\":{\"c\":1},\"s\":{}}";
        var after = "{\"a\":\"plan\",\"b\":{\"c\":1,\"d\":\"computed\"},\"e\":\"new\",\"s\":{}}";
        Assert.AreEqual("{\"b\":{\"d\":\"computed\"},\"e\":\"new\"}", StateStore.ComputedLayer(before, after));
        Assert.AreEqual("{}", StateStore.ComputedLayer(before, before));
        Assert.AreEqual("{\"b\":{\"d\":\"x\",\"f\":2},\"e\":\"new\"}", StateStore.Merge("{\"b\":{\"d\":\"computed\",\"f\":2},\"e\":\"new\"}", "{\"b\":{\"d\":\"x\"}}"));
        Assert.AreEqual("{\n  \"a\": \"é<>\"\n}", StateStore.Indent("{\"a\":\"é<>\"}"));
    }

    [TestMethod]
    public async Task The_history_keeps_the_last_100_runs_and_the_lock_makes_a_second_run_wait_once()
    {
        var root = Directory.CreateTempSubdirectory("dagger-store-").FullName;
        try
        {
            var (project, _) = DaggerProject.Init(root);
            var environment = project.Create("ci", null, null);
            var start = DateTimeOffset.UtcNow;
            for (var i = 0; i < 105; i++)
            {
                RunHistory.Append(environment, new HistoryRecord
                {
                    Id = RunHistory.NewId(start.AddSeconds(i)),
                    Environment = "ci",
                    Start = start.AddSeconds(i),
                    Duration = i,
                    Result = "success",
                    ExitCode = 0,
                    Engine = "tcp://x",
                    Tasks = [new HistoryTask("a", "computed", 0.5, false)],
                    Counts = new RunCounts(1, 1, 0, 0, 0, 1, 1, 2),
                });
            }

            var runs = RunHistory.List(environment);
            Assert.HasCount(RunHistory.Keep, runs);
            Assert.AreEqual(5, runs[0].Duration, "the five oldest were dropped");
            Assert.AreEqual(104, runs[^1].Duration);
            var found = RunHistory.Get(environment, runs[^1].Id[..20]);
            Assert.AreEqual(runs[^1].Id, found.Id, "a prefix of the id is enough");
            Assert.AreEqual(new HistoryTask("a", "computed", 0.5, false), found.Tasks.Single());
            Assert.AreEqual(new RunCounts(1, 1, 0, 0, 0, 1, 1, 2), found.Counts);
            Assert.AreEqual(ErrorCodes.RunNotFound, Assert.ThrowsExactly<DaggerException>(() => RunHistory.Get(environment, "nope")).Code);

            var waited = 0;
            var first = await EnvironmentLock.AcquireAsync(environment, noWait: false, null, TestContext.CancellationToken);
            var locked = await Assert.ThrowsExactlyAsync<DaggerException>(() => EnvironmentLock.AcquireAsync(environment, noWait: true, null, TestContext.CancellationToken));
            Assert.AreEqual(ErrorCodes.EnvironmentLocked, locked.Code);
            var second = EnvironmentLock.AcquireAsync(environment, noWait: false, () => Interlocked.Increment(ref waited), TestContext.CancellationToken);
            await Task.Delay(700, TestContext.CancellationToken);
            Assert.IsFalse(second.IsCompleted, "the second waits while the first holds the lock");
            first.Dispose();
            (await second).Dispose();
            Assert.AreEqual(1, waited, "it says once that it waits");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
