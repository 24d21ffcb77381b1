
namespace Dagger.Runtime.Cue.Core;

/// <summary>
/// CUE v0.4's field order: a topological sort over the label lists of the struct literals unified into a vertex,
/// with the reference's exact quirks (CUE-NOTES §7).
/// </summary>
internal static class ExportOrder
{
    public static List<int> Compute(Vertex v)
    {
        // Every exported struct comes through here, most of them when the heap is at its largest: the sets and
        // lists are kept per thread and cleared, so that the export allocates only the result.
        var scratch = Scratch.Rent();
        var fronts = scratch.Fronts;
        var seen = scratch.Seen;
        var cnt = scratch.Counts;
        fronts.Clear();
        seen.Clear();
        cnt.Clear();
        foreach (var si in v.Structs)
        {
            var f = si.Front;
            if (f.Length == 0)
            {
                continue;
            }

            fronts.Add(f);
            foreach (var l in f)
            {
                seen.Add(l);
            }
        }

        var extra = 0;
        foreach (var a in v.Arcs)
        {
            extra += seen.Contains(a.Label) ? 0 : 1;
        }

        if (extra > 0)
        {
            var labels = new int[extra];
            var k = 0;
            foreach (var a in v.Arcs)
            {
                if (!seen.Contains(a.Label))
                {
                    labels[k++] = a.Label;
                }
            }

            fronts.Add(labels);
        }

        Span<int> heads = fronts.Count <= 32 ? stackalloc int[fronts.Count] : new int[fronts.Count];
        foreach (var f in fronts)
        {
            for (var j = 1; j < f.Length; j++)
            {
                cnt[f[j]] = cnt.GetValueOrDefault(f[j]) + 1;
            }
        }

        var result = new List<int>(v.Arcs.Count);
        var next = -1;
        var first = 0;
        var scanFrom = 0;
        while (true)
        {
            while (first < fronts.Count && heads[first] >= fronts[first].Length)
            {
                first++;
            }

            if (first >= fronts.Count)
            {
                break;
            }

            // Scanning restarts at the first front in the reference; fronts before scanFrom are known to be
            // blocked (their head counts did not change), so skipping them gives the same result in linear time.
            var found = false;
            for (var i = Math.Max(first, scanFrom); i < fronts.Count; i++)
            {
                var f = fronts[i];
                if (heads[i] >= f.Length)
                {
                    continue;
                }

                var h = f[heads[i]];
                if (cnt.GetValueOrDefault(h) > 0)
                {
                    continue;
                }

                heads[i]++;
                var remaining = f.Length - heads[i];
                scanFrom = i;
                if (remaining > 1 && cnt.GetValueOrDefault(f[heads[i]]) > 0)
                {
                    var nh = f[heads[i]];
                    cnt[nh]--;
                    if (cnt[nh] <= 0)
                    {
                        scanFrom = 0;
                    }
                }

                if (cnt.GetValueOrDefault(h) == 0)
                {
                    cnt[h] = next--;
                    result.Add(h);
                }

                found = true;
                break;
            }

            if (found)
            {
                continue;
            }

            // Cycle breaker: free the head of the first non-empty front.
            cnt[fronts[first][heads[first]]] = 0;
            scanFrom = first;
        }

        scratch.Return();
        return result;
    }

    /// <summary>The arcs of <paramref name="v"/> in export order (all label types; callers filter).</summary>
    public static List<Vertex> Arcs(Vertex v)
    {
        var order = Compute(v);
        var r = new List<Vertex>(v.Arcs.Count);
        var scratch = Scratch.Rent();
        var added = scratch.Seen;
        added.Clear();
        foreach (var l in order)
        {
            var a = v.Lookup(l);
            if (a is not null && added.Add(l))
            {
                r.Add(a);
            }
        }

        if (r.Count < v.Arcs.Count)
        {
            foreach (var a in v.Arcs)
            {
                if (added.Add(a.Label))
                {
                    r.Add(a);
                }
            }
        }

        scratch.Return();
        return r;
    }

    [ThreadStatic]
    private static Scratch? t_scratch;

    private sealed class Scratch
    {
        // Clearing costs the capacity, not the count: sets grown by one large struct are not kept for the many
        // small ones that follow.
        private const int KeptCapacity = 64;

        public List<int[]> Fronts { get; } = [];

        public HashSet<int> Seen { get; } = [];

        public Dictionary<int, int> Counts { get; } = [];

        public static Scratch Rent()
        {
            var s = t_scratch ?? new Scratch();
            t_scratch = null;
            return s;
        }

        public void Return()
        {
            if (Seen.Count <= KeptCapacity && Counts.Count <= KeptCapacity && Fronts.Count <= KeptCapacity)
            {
                Fronts.Clear();
                t_scratch = this;
            }
        }
    }
}
