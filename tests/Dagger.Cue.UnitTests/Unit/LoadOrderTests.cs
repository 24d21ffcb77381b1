using Dagger.Runtime.Cue;
using Dagger.Runtime.Cue.Load;

namespace Dagger.Cue.UnitTests.Unit;

/// <summary>
/// The reference reads a package's folder, then its parent folders, and sorts the files parents first with Go's
/// unstable sort; the field order of the package follows. The expected orders were printed by the reference CUE.
/// </summary>
[TestClass]
public sealed class LoadOrderTests
{
    [TestMethod]
    public void A_package_spread_over_two_folders_takes_the_reference_order_of_its_files()
    {
        var keys = FieldOrder(["container", "image", "publish", "test"], ["image", "publish", "test"], [], "sub");

        CollectionAssert.AreEqual(new[] { "f_test", "f_container", "f_image", "f_publish", "g_publish", "g_test", "g_image" }, keys);
    }

    [TestMethod]
    public void Twenty_two_files_over_three_folders_go_through_the_quicksort()
    {
        var keys = FieldOrder(
            ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], ["k", "l", "m", "n", "o", "p", "q", "r", "s", "t"], ["u", "v"], "sub/deep");

        CollectionAssert.AreEqual(
            new[]
            {
                "f_j", "f_i", "f_h", "f_g", "f_f", "f_e", "f_d", "f_c", "f_b", "f_a",
                "g_t", "g_s", "g_r", "g_q", "g_p", "g_o", "g_n", "g_m", "g_l", "g_k", "h_v", "h_u",
            },
            keys);
    }

    [TestMethod]
    public void Files_of_one_folder_keep_their_name_order()
    {
        var names = Enumerable.Range(10, 31).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var keys = FieldOrder([], [], names, "sub/deep");

        CollectionAssert.AreEqual(names.Select(n => "h_" + n).ToArray(), keys);
    }

    [TestMethod]
    public void Go_sort_moves_equal_elements_like_the_reference_before_its_insertion_sort()
    {
        // Seven elements, one greater than the rest at the front: the gap-6 pass swaps it with the last one first.
        var items = new List<(int Key, char Name)> { (1, 'g'), (0, 'a'), (0, 'b'), (0, 'c'), (0, 'd'), (0, 'e'), (0, 'f') };

        GoSort.Slice(items, (x, y) => x.Key < y.Key);

        Assert.AreEqual("fabcdeg", new string(items.Select(i => i.Name).ToArray()));
    }

    private static string[] FieldOrder(string[] root, string[] sub, string[] deep, string load)
    {
        var dir = Directory.CreateTempSubdirectory("cue-load-order-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "cue.mod"));
            Directory.CreateDirectory(Path.Combine(dir, "sub", "deep"));
            File.WriteAllText(Path.Combine(dir, "cue.mod", "module.cue"), "module: \"example.com/order\"\n");
            Write(dir, "", "f", root);
            Write(dir, "sub", "g", sub);
            Write(dir, Path.Combine("sub", "deep"), "h", deep);
            var json = CueContext.RunWithLargeStack(() => new CueContext().Load(dir, ["./" + load]).ToJson(indent: false));
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            return doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static void Write(string dir, string folder, string prefix, string[] names)
    {
        foreach (var n in names)
        {
            File.WriteAllText(Path.Combine(dir, folder, n + ".cue"), $"package p\n\n{prefix}_{n}: 1\n");
        }
    }
}
