namespace GoodwillFlow.Core.Shortlists;

/// <summary>
/// The first few items of a ranking without sorting everyone: a shortlist shows 50 of up to 30,000 replied
/// connections, so a bounded heap (n log k comparisons) replaces a full sort (n log n, every sort key computed).
/// </summary>
internal static class TopRanked
{
    /// <summary>
    /// Returns the <paramref name="count"/> first items of <paramref name="items"/> in <paramref name="rank"/> order, as
    /// a stable full sort followed by a take would, provided <paramref name="rank"/> is a total order (ends on a unique key).
    /// </summary>
    public static List<T> Take<T>(IEnumerable<T> items, int count, Comparison<T> rank)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(rank);
        if (count <= 0)
        {
            return [];
        }

        // The heap's root is the last-ranked item kept, so each newcomer is compared with it once.
        var kept = new PriorityQueue<T, T>(count + 1, Comparer<T>.Create((a, b) => rank(b, a)));
        foreach (var item in items)
        {
            if (kept.Count < count)
            {
                kept.Enqueue(item, item);
            }
            else if (rank(item, kept.Peek()) < 0)
            {
                kept.DequeueEnqueue(item, item);
            }
        }

        var first = new T[kept.Count];
        for (var i = first.Length - 1; i >= 0; i--)
        {
            first[i] = kept.Dequeue();
        }

        return [.. first];
    }
}
