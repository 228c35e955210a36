using System.Numerics;

namespace GoodwillFlow.Core.Import;

/// <summary>
/// The id hashes an import has kept so far, to drop repeated rows: an open-addressing table in one array.
/// </summary>
/// <remarks>
/// A <see cref="HashSet{T}"/> for 30,000 rows allocates two large-object-heap arrays on every import, and those
/// allocations set off full (generation 2) collections while every imported row is still alive. The hashes are
/// already uniformly distributed (XXH3), so their low bits index the table directly. The table is a plain array, not
/// one from <c>ArrayPool&lt;ulong&gt;</c>: that pool's code has no ReadyToRun code outside the framework, and
/// compiling it cost <c>goodwill import</c> more at start than the one allocation it saves (docs/performance.md).
/// </remarks>
internal sealed class SeenIds
{
    private ulong[] _slots;
    private int _mask;
    private int _count;

    // Zero marks an empty slot, so the one hash that is zero is tracked on its own.
    private bool _hasZero;

    /// <summary>Creates a table with room for about <paramref name="expected"/> hashes before it grows.</summary>
    public SeenIds(int expected)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expected + (expected / 2)));
        _slots = new ulong[capacity];
        _mask = capacity - 1;
    }

    /// <summary>Adds <paramref name="hash"/>; returns false when it was already there.</summary>
    public bool Add(ulong hash)
    {
        if (hash == 0)
        {
            var added = !_hasZero;
            _hasZero = true;
            return added;
        }

        if (_count >= (_mask + 1) / 4 * 3)
        {
            Grow();
        }

        var slots = _slots;
        var index = (int)hash & _mask;
        while (true)
        {
            var slot = slots[index];
            if (slot == 0)
            {
                slots[index] = hash;
                _count++;
                return true;
            }

            if (slot == hash)
            {
                return false;
            }

            index = (index + 1) & _mask;
        }
    }

    private void Grow()
    {
        var old = _slots;
        var oldCapacity = _mask + 1;
        var capacity = oldCapacity * 2;
        _slots = new ulong[capacity];
        _mask = capacity - 1;
        for (var i = 0; i < oldCapacity; i++)
        {
            var hash = old[i];
            if (hash != 0)
            {
                var index = (int)hash & _mask;
                while (_slots[index] != 0)
                {
                    index = (index + 1) & _mask;
                }

                _slots[index] = hash;
            }
        }

    }
}
