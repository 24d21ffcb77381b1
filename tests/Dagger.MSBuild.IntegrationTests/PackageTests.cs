using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Dagger.MSBuild.IntegrationTests;

/// <summary>What the packed package holds.</summary>
[TestClass]
public sealed class PackageTests
{
    [TestMethod]
    public void The_package_holds_the_targets_the_two_task_assemblies_and_the_tool()
    {
        using var package = ZipFile.OpenRead(PackedPackage.File);
        var entries = package.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("package/", StringComparison.Ordinal) && !n.StartsWith("_rels/", StringComparison.Ordinal) && n != "[Content_Types].xml").ToList();

        CollectionAssert.AreEquivalent(
            new[]
            {
                "Dagger.MSBuild.nuspec", "README.md",
                "build/Dagger.MSBuild.props", "build/Dagger.MSBuild.targets", "build/Dagger.MSBuild.Run.proj",
                "buildMultiTargeting/Dagger.MSBuild.props", "buildMultiTargeting/Dagger.MSBuild.targets",
                "tasks/net472/Dagger.MSBuild.dll", "tasks/net8.0/Dagger.MSBuild.dll",
            },
            entries.Where(e => !e.StartsWith("tools/", StringComparison.Ordinal)).ToList());
        var tool = entries.Where(e => e.StartsWith("tools/net10.0/", StringComparison.Ordinal)).ToList();
        CollectionAssert.IsSubsetOf(
            new[] { "tools/net10.0/dagger.dll", "tools/net10.0/dagger.runtimeconfig.json", "tools/net10.0/dagger.deps.json", "tools/net10.0/Dagger.Runtime.dll", "tools/net10.0/System.CommandLine.dll" },
            tool);
        Assert.IsFalse(tool.Any(e => e.EndsWith(".pdb", StringComparison.Ordinal) || e.EndsWith(".xml", StringComparison.Ordinal) || e == "tools/net10.0/dagger"), string.Join("\n", tool));
        Assert.IsFalse(entries.Any(e => e.StartsWith("lib/", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void The_package_is_a_development_dependency_with_no_dependencies()
    {
        using var package = ZipFile.OpenRead(PackedPackage.File);
        using var stream = package.GetEntry("Dagger.MSBuild.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");

        Assert.AreEqual("true", metadata.Elements().Single(e => e.Name.LocalName == "developmentDependency").Value);
        Assert.IsFalse(metadata.Elements().Any(e => e.Name.LocalName == "dependencies" && e.Descendants().Any(d => d.Name.LocalName == "dependency")));
    }

    [TestMethod]
    [DataRow("tasks/net472/Dagger.MSBuild.dll")]
    [DataRow("tasks/net8.0/Dagger.MSBuild.dll")]
    public void A_task_assembly_references_only_msbuild_and_the_framework(string entry)
    {
        using var package = ZipFile.OpenRead(PackedPackage.File);
        using var memory = new MemoryStream();
        using (var stream = package.GetEntry(entry)!.Open())
        {
            stream.CopyTo(memory);
        }

        memory.Position = 0;
        using var pe = new PEReader(memory);
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h)).Select(r => (Name: reader.GetString(r.Name), r.Version)).ToList();

        var msbuild = references.Where(r => r.Name.StartsWith("Microsoft.Build", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEquivalent(new[] { "Microsoft.Build.Framework", "Microsoft.Build.Utilities.Core" }, msbuild.Select(r => r.Name).ToList());
        Assert.IsTrue(msbuild.All(r => r.Version == new Version(15, 1, 0, 0)));
        var others = references.Except(msbuild).Where(r => r.Name is not ("mscorlib" or "netstandard" or "System") && !r.Name.StartsWith("System.", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(0, others.Count, string.Join(", ", others));
    }
}
