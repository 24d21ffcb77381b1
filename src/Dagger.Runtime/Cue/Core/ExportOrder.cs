
namespace Dagger.Runtime.Cue.Core;

/// <summary>
/// CUE v0.4's field order: a topological sort over the label lists of the struct literals unified into a vertex,
/// with the reference's exact quirks (CUE-NOTES §7).
/// </summary>
internal static class ExportOrder
{
    public static List<int> Compute(Vertex v)
    {
        var fronts = new List<int[]>();
        var seen = new HashSet<int>();
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

        var extra = new List<int>();
        foreach (var a in v.Arcs)
        {
            if (!seen.Contains(a.Label))
            {
                extra.Add(a.Label);
            }
        }

        if (extra.Count > 0)
        {
            fronts.Add([.. extra]);
        }

        var heads = new int[fronts.Count];
        var cnt = new Dictionary<int, int>();
        foreach (var f in fronts)
        {
            for (var j = 1; j < f.Length; j++)
            {
                cnt[f[j]] = cnt.GetValueOrDefault(f[j]) + 1;
            }
        }

        var result = new List<int>();
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

        return result;
    }

    /// <summary>The arcs of <paramref name="v"/> in export order (all label types; callers filter).</summary>
    public static List<Vertex> Arcs(Vertex v)
    {
        var order = Compute(v);
        var r = new List<Vertex>(v.Arcs.Count);
        var added = new HashSet<int>();
        foreach (var l in order)
        {
            var a = v.Lookup(l);
            if (a is not null && added.Add(l))
            {
                r.Add(a);
            }
        }

        foreach (var a in v.Arcs)
        {
            if (added.Add(a.Label))
            {
                r.Add(a);
            }
        }

        return r;
    }
}
