using Azure.Data.Tables;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Testing.Azurite;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Storage;
using GoodwillFlow.Workflow.Tests.Storage;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Tests.Evidence;

/// <summary>Archive evidence kept on the connection rows in Table storage (Azurite).</summary>
[Collection(AzuriteStorageCollection.Name)]
public sealed class StoredEvidenceTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly ConnectionEvidence Warm = new(
        new MessageEvidence(14, 8, 6, new DateOnly(2019, 5, 2), new DateOnly(2026, 3, 11), true, 1, EvidenceMatch.ProfileUrl),
        [new RecommendationEvidence(EvidenceDirection.ToOwner, new DateOnly(2021, 3, 15), "Alex led our payments rewrite.", EvidenceMatch.NameOnly)],
        new EndorsementEvidence(["Kubernetes", "C#"], new DateOnly(2025, 6, 1), EvidenceMatch.ProfileUrl),
        new InvitationEvidence(EvidenceDirection.FromOwner, new DateOnly(2018, 9, 2), null, EvidenceMatch.ProfileUrl));

    private readonly string _prefix = AzuriteFixture.UniqueName("ev");

    [Fact]
    public async Task Evidence_is_kept_on_the_connection_row_and_a_connection_without_evidence_has_no_column()
    {
        var (store, table) = NewStore();
        var campaignId = Guid.NewGuid().ToString("N")[..16];
        await store.AddConnectionsAsync(campaignId, [Item(0, Warm), Item(1, null), Item(2, ConnectionEvidence.None)], default);

        var read = await store.FindConnectionAsync(campaignId, Id(0), default);
        Assert.Equal(EvidenceLines.ForPrompt(Warm), EvidenceLines.ForPrompt(read!.Evidence));
        Assert.Equal(Warm.Messages, read.Evidence!.Messages);
        Assert.Equal(["Kubernetes", "C#"], read.Evidence.Endorsements!.Skills);
        var all = await store.GetConnectionsAsync(campaignId, default);
        Assert.Equal([true, false, false], all.Select(c => c.Evidence is not null));
        Assert.NotNull((await store.GetSchedulePageAsync(campaignId, 0, 1, default)).Single().Evidence);

        var raw = await table.GetEntityAsync<TableEntity>(campaignId, Id(1));
        Assert.False(raw.Value.ContainsKey(EvidenceColumn.Name));
        raw = await table.GetEntityAsync<TableEntity>(campaignId, Id(2));
        Assert.False(raw.Value.ContainsKey(EvidenceColumn.Name));
        var json = (await table.GetEntityAsync<TableEntity>(campaignId, Id(0))).Value.GetString(EvidenceColumn.Name);
        Assert.DoesNotContain("content", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Evidence_from_a_huge_archive_is_bounded_so_the_row_stays_small()
    {
        var (store, table) = NewStore();
        var campaignId = Guid.NewGuid().ToString("N")[..16];
        var huge = Warm with
        {
            Recommendations = [.. Enumerable.Range(0, 50).Select(i => new RecommendationEvidence(EvidenceDirection.ToOwner, null, new string('r', 100_000), EvidenceMatch.ProfileUrl))],
            Endorsements = new EndorsementEvidence([.. Enumerable.Range(0, 5_000).Select(i => $"Skill {i} {new string('s', 500)}")], null, EvidenceMatch.ProfileUrl),
            Invitation = new InvitationEvidence(EvidenceDirection.ToOwner, null, new string('n', 100_000), EvidenceMatch.ProfileUrl),
        };

        await store.AddConnectionsAsync(campaignId, [Item(0, huge)], default);

        var json = (await table.GetEntityAsync<TableEntity>(campaignId, Id(0))).Value.GetString(EvidenceColumn.Name)!;
        Assert.InRange(json.Length, 1, 8 * 1024);
        var read = (await store.FindConnectionAsync(campaignId, Id(0), default))!.Evidence!;
        Assert.Equal(EvidenceColumn.MaxRecommendations, read.Recommendations.Count);
        Assert.Equal(EvidenceColumn.MaxSkills, read.Endorsements!.Skills.Count);
        Assert.Equal(EvidenceColumn.MaxQuote, read.Invitation!.Note!.Length);
    }

    [Fact]
    public async Task A_newer_archive_sets_changes_and_clears_evidence_writing_only_the_rows_that_changed()
    {
        var (store, _) = NewStore();
        var campaignId = Guid.NewGuid().ToString("N")[..16];
        await store.AddConnectionsAsync(campaignId, [Item(0, Warm), Item(1, null), Item(2, Warm), Item(3, Warm)], default);
        var later = Warm with { Messages = Warm.Messages! with { Total = 16, FromOwner = 10, Last = new DateOnly(2026, 11, 30) } };
        var newer = new Dictionary<string, ConnectionEvidence>
        {
            [Id(0)] = later,
            [Id(1)] = Warm,
            [Id(3)] = Warm,
            ["ffffffffffffffff"] = Warm,
        };

        var changed = await store.UpdateEvidenceAsync(campaignId, [Id(0), Id(1), Id(2), Id(3), "ffffffffffffffff"], newer, default);

        Assert.Equal(3, changed);
        var all = (await store.GetConnectionsAsync(campaignId, default)).ToDictionary(c => c.Connection.Id);
        Assert.Equal(16, all[Id(0)].Evidence!.Messages!.Total);
        Assert.NotNull(all[Id(1)].Evidence);
        Assert.Null(all[Id(2)].Evidence);
        Assert.Equal(Warm.Messages, all[Id(3)].Evidence!.Messages);
        Assert.Equal(4, all.Count);
        Assert.Equal(0, await store.UpdateEvidenceAsync(campaignId, [Id(0), Id(1), Id(2), Id(3)], newer, default));
    }

    private static string Id(int i) => $"{i:x16}";

    private static CampaignConnection Item(int sequence, ConnectionEvidence? evidence) => new(
        new Connection(Id(sequence), $"First{sequence}", "Last", $"https://www.linkedin.com/in/p{sequence}", null, "Contoso", "Engineer", null),
        sequence,
        Start.AddMinutes(sequence),
        Evidence: evidence);

    private (TableCampaignStore Store, TableClient Connections) NewStore()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var store = new TableCampaignStore(service, Options.Create(new StorageOptions { TablePrefix = _prefix }));
        return (store, service.GetTableClient(_prefix + "Connections"));
    }
}
