using System.Collections;

namespace Dagger.Runtime.Cue.Core;

/// <summary>
/// The conjuncts of a vertex, stored in the vertex itself: a large plan holds hundreds of thousands of vertices, and
/// a list object of its own for each was a tenth of the live heap for the collector to trace.
/// </summary>
internal readonly struct ConjunctList(Vertex owner) : IReadOnlyList<Conjunct>
{
    public int Count => owner.ConjunctCount;

    /// <summary>Room for conjuncts before the storage grows.</summary>
    public int Capacity
    {
        get => owner.ConjunctItems.Length;
        private set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, Count);
            if (value != owner.ConjunctItems.Length)
            {
                var items = new Conjunct[value];
                owner.ConjunctItems.AsSpan(0, Count).CopyTo(items);
                owner.ConjunctItems = items;
            }
        }
    }

    public Conjunct this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return owner.ConjunctItems[index];
        }
    }

    public void Add(Conjunct c) => Insert(Count, c);

    public void Insert(int index, Conjunct c)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)Count, nameof(index));
        var n = Count;
        if (n == owner.ConjunctItems.Length)
        {
            // Most vertices get one or two conjuncts (a field and a pattern or definition).
            Capacity = n == 0 ? 2 : n * 2;
        }

        var items = owner.ConjunctItems;
        Array.Copy(items, index, items, index + 1, n - index);
        items[index] = c;
        owner.ConjunctCount = n + 1;
    }

    public void AddRange(ConjunctList other)
    {
        var n = other.Count;
        if (Count + n > Capacity)
        {
            Capacity = Count + n;
        }

        for (var i = 0; i < n; i++)
        {
            Add(other[i]);
        }
    }

    public Enumerator GetEnumerator() => new(owner);

    IEnumerator<Conjunct> IEnumerable<Conjunct>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the conjuncts in order, including any added while it walks (as an index loop would).</summary>
    public struct Enumerator(Vertex owner) : IEnumerator<Conjunct>
    {
        private int _next;

        public Conjunct Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_next >= owner.ConjunctCount)
            {
                return false;
            }

            Current = owner.ConjunctItems[_next++];
            return true;
        }

        public void Reset() => _next = 0;

        public readonly void Dispose()
        {
        }
    }
}
