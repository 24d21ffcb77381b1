namespace Dagger.TestRig;

/// <summary>
/// The mounts behind an engine container, seen from this machine's mount table: the rig's engine is local and shares
/// this mount namespace, so the overlay that BuildKit mounts for an exec's root filesystem shows up here, identified
/// by its writable layer. A run that ended must leave none of them mounted.
/// </summary>
public static class EngineMounts
{
    /// <summary>The writable layer (overlay <c>upperdir</c>) of the root filesystem of process <paramref name="pid"/>, if it has one.</summary>
    public static string? RootLayer(int pid) =>
        File.ReadLines($"/proc/{pid}/mountinfo").Select(Parse).FirstOrDefault(m => m.Point == "/").Layer;

    /// <summary>The mount points on this machine whose overlay has <paramref name="layer"/> as its writable layer.</summary>
    public static IReadOnlyList<string> MountedWith(string layer) =>
        [.. File.ReadLines("/proc/self/mountinfo").Select(Parse).Where(m => m.Layer == layer).Select(m => m.Point)];

    /// <summary>Waits until nothing on this machine mounts <paramref name="layer"/>; returns how long that took, or throws after <paramref name="within"/>.</summary>
    public static Task<TimeSpan> WaitGoneAsync(string layer, TimeSpan within, CancellationToken cancellationToken) =>
        WaitUntil.NoneLeftAsync(
            () => MountedWith(layer),
            within,
            left => $"{string.Join(", ", left)} still mounted {within.TotalSeconds:0} s after the run ended",
            cancellationToken);

    // A mountinfo line: id, parent, device, root, mount point, options, optional fields, "-", type, source, super options.
    private static (string Point, string? Layer) Parse(string line)
    {
        var fields = line.Split(' ');
        var separator = Array.IndexOf(fields, "-");
        var layer = separator > 0 && separator + 3 < fields.Length
            ? fields[separator + 3].Split(',').FirstOrDefault(o => o.StartsWith("upperdir=", StringComparison.Ordinal))?["upperdir=".Length..]
            : null;
        return (fields.Length > 4 ? fields[4] : "", layer);
    }
}
