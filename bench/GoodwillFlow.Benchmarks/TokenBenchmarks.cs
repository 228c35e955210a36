using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using GoodwillFlow.Core.Tokens;

namespace GoodwillFlow.Benchmarks;

/// <summary>Issuing and verifying a reply token, against a bare HMAC-SHA256 of the same-sized payload.</summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private const string Campaign = "0123456789abcdef";
    private const string Connection = "fedcba9876543210";

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
    private static readonly byte[] Payload = Encoding.ASCII.GetBytes(Campaign + Connection + "12345678");

    private readonly ReplyTokenService service = new(new ReplyTokenSigningKey(1, Secret));
    private string token = "";

    [GlobalSetup]
    public void Setup() => token = service.Issue(Campaign, Connection, Now.AddDays(90));

    [Benchmark(Baseline = true, Description = "Bare HMAC-SHA256 of the payload")]
    public byte[] BareHmac() => HMACSHA256.HashData(Secret, Payload);

    [Benchmark(Description = "ReplyTokenService.Issue")]
    public string Issue() => service.Issue(Campaign, Connection, Now.AddDays(90));

    [Benchmark(Description = "ReplyTokenService.Verify")]
    public ReplyTokenStatus Verify() => service.Verify(token, Now).Status;
}
