using System.Security.Cryptography;
using GoodwillFlow.Core.Connections;

namespace GoodwillFlow.Core.Tests.Import;

public class FastConnectionIdTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(119)]
    [InlineData(120)]
    [InlineData(128)]
    [InlineData(300)]
    [InlineData(2000)]
    public void Gives_the_same_id_as_ConnectionId_FromText_for_every_padding_case(int length)
    {
        var text = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));

        Assert.Equal(ConnectionId.FromText(text), FastConnectionId.FromText(text));
    }

    [Theory]
    [InlineData("linkedin.com/in/josé-garcía")]
    [InlineData("linkedin.com/in/olu-adeyemi-🚀")]
    [InlineData("row\u001fADA\u001fLOVELACE\u001fENGINES\u001f\u001f2024-02-14")]
    public void Gives_the_same_id_as_ConnectionId_FromText_for_non_ascii_text(string text)
    {
        Assert.Equal(ConnectionId.FromText(text), FastConnectionId.FromText(text));
    }

    [Fact]
    public void Computes_sha256_of_random_inputs_like_the_platform()
    {
        var random = new Random(42);
        Span<byte> expected = stackalloc byte[32];
        Span<byte> actual = stackalloc byte[32];
        for (var i = 0; i < 200; i++)
        {
            var data = new byte[random.Next(0, 300)];
            random.NextBytes(data);

            SHA256.HashData(data, expected);
            FastConnectionId.Sha256(data, actual);

            Assert.True(expected.SequenceEqual(actual), $"SHA-256 differs for a {data.Length}-byte input.");
        }
    }
}
