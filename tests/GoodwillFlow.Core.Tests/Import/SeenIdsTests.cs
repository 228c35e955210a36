using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Core.Tests.Import;

public class SeenIdsTests
{
    [Fact]
    public void Reports_each_hash_new_once_however_far_the_table_grows()
    {
        var seen = new SeenIds(expected: 4);
        var random = new Random(7);
        var hashes = Enumerable.Range(0, 5_000).Select(_ => unchecked((ulong)random.NextInt64(long.MinValue, long.MaxValue))).Distinct().ToList();

        Assert.All(hashes, hash => Assert.True(seen.Add(hash)));
        Assert.All(hashes, hash => Assert.False(seen.Add(hash)));
    }

    [Fact]
    public void Tells_apart_hashes_that_share_their_low_bits()
    {
        var seen = new SeenIds(expected: 16);

        // All land on the same slot of a small table, so each one probes past the others.
        var clashing = Enumerable.Range(1, 40).Select(i => (ulong)i << 40).ToList();

        Assert.All(clashing, hash => Assert.True(seen.Add(hash)));
        Assert.All(clashing, hash => Assert.False(seen.Add(hash)));
    }

    [Fact]
    public void Treats_a_zero_hash_like_any_other()
    {
        var seen = new SeenIds(expected: 16);

        Assert.True(seen.Add(0));
        Assert.False(seen.Add(0));
        Assert.True(seen.Add(1));
    }
}
