namespace Dagger.Runtime.Cue.Load;

/// <summary>
/// Go's <c>sort.Slice</c> as it was when CUE v0.4 was built (pattern-defeating quicksort came later): a quicksort
/// with median-of-three pivots, a heapsort fallback, and a gap-6 pass before the final insertion sort. It is not
/// stable, and the reference's file order depends on exactly how it moves equal elements.
/// </summary>
internal static class GoSort
{
    /// <summary>Sorts <paramref name="items"/> in place the way Go's <c>sort.Slice(items, less)</c> did.</summary>
    public static void Slice<T>(IList<T> items, Func<T, T, bool> less)
    {
        var data = new Data<T>(items, less);
        var n = items.Count;
        QuickSort(data, 0, n, MaxDepth(n));
    }

    private static int MaxDepth(int n)
    {
        var depth = 0;
        for (var i = n; i > 0; i >>= 1)
        {
            depth++;
        }

        return depth * 2;
    }

    private static void QuickSort<T>(Data<T> data, int a, int b, int maxDepth)
    {
        while (b - a > 12)
        {
            if (maxDepth == 0)
            {
                HeapSort(data, a, b);
                return;
            }

            maxDepth--;
            var (mlo, mhi) = DoPivot(data, a, b);
            if (mlo - a < b - mhi)
            {
                QuickSort(data, a, mlo, maxDepth);
                a = mhi;
            }
            else
            {
                QuickSort(data, mhi, b, maxDepth);
                b = mlo;
            }
        }

        if (b - a > 1)
        {
            for (var i = a + 6; i < b; i++)
            {
                if (data.Less(i, i - 6))
                {
                    data.Swap(i, i - 6);
                }
            }

            InsertionSort(data, a, b);
        }
    }

    private static void InsertionSort<T>(Data<T> data, int a, int b)
    {
        for (var i = a + 1; i < b; i++)
        {
            for (var j = i; j > a && data.Less(j, j - 1); j--)
            {
                data.Swap(j, j - 1);
            }
        }
    }

    private static void SiftDown<T>(Data<T> data, int lo, int hi, int first)
    {
        var root = lo;
        while (true)
        {
            var child = (2 * root) + 1;
            if (child >= hi)
            {
                return;
            }

            if (child + 1 < hi && data.Less(first + child, first + child + 1))
            {
                child++;
            }

            if (!data.Less(first + root, first + child))
            {
                return;
            }

            data.Swap(first + root, first + child);
            root = child;
        }
    }

    private static void HeapSort<T>(Data<T> data, int a, int b)
    {
        var first = a;
        var hi = b - a;
        for (var i = (hi - 1) / 2; i >= 0; i--)
        {
            SiftDown(data, i, hi, first);
        }

        for (var i = hi - 1; i >= 0; i--)
        {
            data.Swap(first, first + i);
            SiftDown(data, 0, i, first);
        }
    }

    private static void MedianOfThree<T>(Data<T> data, int m1, int m0, int m2)
    {
        if (data.Less(m1, m0))
        {
            data.Swap(m1, m0);
        }

        if (data.Less(m2, m1))
        {
            data.Swap(m2, m1);
            if (data.Less(m1, m0))
            {
                data.Swap(m1, m0);
            }
        }
    }

    private static (int Lo, int Hi) DoPivot<T>(Data<T> data, int lo, int hi)
    {
        var m = (int)((uint)(lo + hi) >> 1);
        if (hi - lo > 40)
        {
            var s = (hi - lo) / 8;
            MedianOfThree(data, lo, lo + s, lo + (2 * s));
            MedianOfThree(data, m, m - s, m + s);
            MedianOfThree(data, hi - 1, hi - 1 - s, hi - 1 - (2 * s));
        }

        MedianOfThree(data, lo, m, hi - 1);

        var pivot = lo;
        int a = lo + 1, c = hi - 1;
        for (; a < c && data.Less(a, pivot); a++)
        {
        }

        var b = a;
        while (true)
        {
            for (; b < c && !data.Less(pivot, b); b++)
            {
            }

            for (; b < c && data.Less(pivot, c - 1); c--)
            {
            }

            if (b >= c)
            {
                break;
            }

            data.Swap(b, c - 1);
            b++;
            c--;
        }

        var protect = hi - c < 5;
        if (!protect && hi - c < (hi - lo) / 4)
        {
            var dups = 0;
            if (!data.Less(pivot, hi - 1))
            {
                data.Swap(c, hi - 1);
                c++;
                dups++;
            }

            if (!data.Less(b - 1, pivot))
            {
                b--;
                dups++;
            }

            if (!data.Less(m, pivot))
            {
                data.Swap(m, b - 1);
                b--;
                dups++;
            }

            protect = dups > 1;
        }

        if (protect)
        {
            while (true)
            {
                for (; a < b && !data.Less(b - 1, pivot); b--)
                {
                }

                for (; a < b && data.Less(a, pivot); a++)
                {
                }

                if (a >= b)
                {
                    break;
                }

                data.Swap(a, b - 1);
                a++;
                b--;
            }
        }

        data.Swap(pivot, b - 1);
        return (b - 1, c);
    }

    private readonly struct Data<T>(IList<T> items, Func<T, T, bool> less)
    {
        public bool Less(int i, int j) => less(items[i], items[j]);

        public void Swap(int i, int j) => (items[i], items[j]) = (items[j], items[i]);
    }
}
