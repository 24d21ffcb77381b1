using Dagger.Runtime.Cue.Core;

namespace Dagger.Runtime.Cue.Builtins;

/// <summary>The <c>struct</c> package.</summary>
internal static class StructPackage
{
    private static int Count(BuiltinCall c) => c.Struct(0).Arcs.Count(a => Labels.IsString(a.Label));

    public static PackageValue Create() => new PackageBuilder("struct")
        .Fn("MinFields", [Kind.Struct, Kind.Int], Kind.Bool, c => PackageBuilder.Bool(Count(c) >= c.Int(1)))
        .Fn("MaxFields", [Kind.Struct, Kind.Int], Kind.Bool, c => PackageBuilder.Bool(Count(c) <= c.Int(1)))
        .Build();
}
