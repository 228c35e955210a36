using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Workflow.Replies;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// Issue 8's "no response at all" to a chunked 2 MB reply form with no Content-Length, tried on the local runtime's own
/// Kestrel over a raw socket, the way curl and scripts send it: written fast, written slowly, and with the response read
/// while the body is still going out. Each must get a 413 within seconds.
/// </summary>
public sealed class ReplyBodyLimitTests(LocalRuntimeFixture fixture) : IClassFixture<LocalRuntimeFixture>
{
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("fast, then read", 0, false)]
    [InlineData("slow, then read", 5, false)]
    [InlineData("fast, reading as it writes", 0, true)]
    [InlineData("slow, reading as it writes", 5, true)]
    public async Task A_chunked_2_mb_reply_form_without_a_length_is_answered_413_within_seconds(string writer, int pauseMs, bool readWhileWriting)
    {
        var path = await ReplyPathAsync();
        var body = Encoding.ASCII.GetBytes("relationship=peer&howWeKnow=" + new string('x', 2 * 1024 * 1024));
        var clock = Stopwatch.StartNew();

        var response = await ChunkedPostAsync(path, body, TimeSpan.FromMilliseconds(pauseMs), readWhileWriting);

        Console.WriteLine($"{writer}: answered in {clock.ElapsedMilliseconds} ms: {response.Split('\r')[0]}");
        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < Answered, $"{writer}: the 413 took {clock.Elapsed}");
    }

    private async Task<string> ReplyPathAsync()
    {
        var services = fixture.Runtime.Services;
        var store = services.GetRequiredService<ICampaignStore>();
        var campaignId = Guid.NewGuid().ToString("N")[..16];
        var person = new Connection(
            ConnectionId.FromText("https://www.linkedin.com/in/limit-" + campaignId), "Ada", "Lovelace",
            "https://www.linkedin.com/in/limit-" + campaignId, null, "Analytical Engines", "Engineer", new DateOnly(2019, 5, 14));
        var now = DateTimeOffset.UtcNow;
        await store.SaveCampaignAsync(
            new CampaignRecord(
                campaignId,
                new CampaignSettings("owner@example.com", new Cadence(), new OwnerTargets([], []), TimeSpan.FromDays(1), 10),
                "Connections.csv",
                [],
                now,
                CampaignState.Running,
                null),
            CancellationToken.None);
        await store.AddConnectionsAsync(campaignId, [new CampaignConnection(person, 0, now, PromptSendState.Sent, now)], CancellationToken.None);
        return services.GetRequiredService<ReplyLinks>().PageUrl(services.GetRequiredService<ReplyLinks>().IssueToken(campaignId, person.Id)).PathAndQuery;
    }

    /// <summary>Posts <paramref name="body"/> chunked with no length and returns what came back before the server closed.</summary>
    private async Task<string> ChunkedPostAsync(string path, byte[] body, TimeSpan pause, bool readWhileWriting)
    {
        using var cts = new CancellationTokenSource(Answered + TimeSpan.FromSeconds(5));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(fixture.Runtime.BaseAddress.Host, fixture.Runtime.BaseAddress.Port, cts.Token);
        var stream = tcp.GetStream();
        using var received = new MemoryStream();
        var reading = readWhileWriting ? ReadAllAsync(stream, received, cts.Token) : null;
        var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cts.Token);
            foreach (var chunk in body.Chunk(16 * 1024))
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"), cts.Token);
                await stream.WriteAsync(chunk, cts.Token);
                await stream.WriteAsync("\r\n"u8.ToArray(), cts.Token);
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, cts.Token);
                }

                if (reading?.IsCompleted == true)
                {
                    break;
                }
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cts.Token);
        }
        catch (IOException)
        {
            // The server hung up while the body was still going out; what it answered (if anything) is read below.
        }

        await (reading ?? ReadAllAsync(stream, received, cts.Token));
        return Encoding.UTF8.GetString(received.ToArray());
    }

    private static async Task ReadAllAsync(NetworkStream stream, MemoryStream received, CancellationToken cancellationToken)
    {
        try
        {
            await stream.CopyToAsync(received, cancellationToken);
        }
        catch (IOException)
        {
            // A reset: whatever arrived before it is the answer.
        }
    }
}
