using GoodwillFlow.Core.Planning;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

// Not ...Tests.Orchestration: that namespace would capture `Orchestration.DripCampaignOrchestrator` in the upload tests.
namespace GoodwillFlow.Workflow.Tests.DripCampaigns;

/// <summary>The real Durable Task engine running a campaign whose prompts go out as a daily digest.</summary>
public sealed class DigestCampaignEngineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_digest_campaign_sends_each_days_prompts_in_one_email_and_every_prompt_once()
    {
        var fixture = new CampaignFixture("engine-digest", 7);
        await using var host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddGoodwillTasks(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    fixture.AddServices(services, TimeProvider.System, pageSize: 10);

                    // Three past days, due at once: no backlog re-plan, so the days stay as planned.
                    services.Configure<DripCampaignOptions>(o => (o.Delivery, o.CatchUpAfter) = (PromptDelivery.Digest, TimeSpan.FromDays(30)));
                },
            });
        var today = DateTimeOffset.UtcNow.Date;
        int[] daysAgo = [3, 3, 3, 2, 2, 1, 1];
        await fixture.Store.SaveCampaignAsync(
            new CampaignRecord(
                fixture.CampaignId,
                new CampaignSettings(CampaignFixture.OwnerEmail, new Cadence(), OwnerTargets.None, TimeSpan.FromMilliseconds(500), 50),
                "Connections.csv",
                ["0000"],
                DateTimeOffset.UtcNow,
                CampaignState.Running,
                null),
            CancellationToken.None);
        await fixture.Store.AddConnectionsAsync(
            fixture.CampaignId,
            [.. fixture.Connections.Select((c, i) => new CampaignConnection(c, i, new DateTimeOffset(today.AddDays(-daysAgo[i]).AddHours(9).AddMinutes(i), TimeSpan.Zero)))],
            CancellationToken.None);
        using var cancellation = new CancellationTokenSource(Timeout);

        await host.Client.ScheduleNewOrchestrationInstanceAsync(
            DripCampaignOrchestrator.Name, new DripCampaignInput(fixture.CampaignId), new StartOrchestrationOptions(fixture.CampaignId), cancellation.Token);
        var done = await host.Client.WaitForInstanceCompletionAsync(fixture.CampaignId, getInputsAndOutputs: true, cancellation.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(7, done.ReadOutputAs<DripCampaignResult>()!.Sent);
        var digests = fixture.Sender.Sent.Where(m => EmailTags.KindOf(m) == "digest").ToList();
        Assert.Equal(3, digests.Count);
        Assert.Equal(fixture.Sender.Sent.Count - 1, digests.Count);
        int[][] expectedPeople = [[0, 1, 2], [3, 4], [5, 6]];
        for (var d = 0; d < digests.Count; d++)
        {
            for (var i = 0; i < 7; i++)
            {
                var position = Array.IndexOf(expectedPeople[d], i) + 1;
                var heading = $"{position}. {fixture.Connections[i].DisplayName}";
                Assert.Equal(position > 0, digests[d].TextBody.Contains(heading, StringComparison.Ordinal));
            }
        }

        Assert.All(await fixture.StoredAsync(), c => Assert.Equal(PromptSendState.Sent, c.SendState));
    }
}
