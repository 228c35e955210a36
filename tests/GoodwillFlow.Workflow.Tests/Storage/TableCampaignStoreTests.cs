using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Testing.Azurite;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Tests.Storage;

[Collection(AzuriteStorageCollection.Name)]
public sealed class TableCampaignStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(1));
    private readonly BatchCounter _batches = new();

    private TableCampaignStore NewStore()
    {
        var options = new TableClientOptions();
        options.AddPolicy(_batches, HttpPipelinePosition.PerCall);
        var service = new TableServiceClient(azurite.ConnectionString, options);
        return new TableCampaignStore(service, Options.Create(new StorageOptions { TablePrefix = AzuriteFixture.UniqueName("t") }));
    }

    private static string NewCampaignId() => Guid.NewGuid().ToString("N")[..16];

    private static CampaignConnection Item(int sequence, string? id = null) => new(
        new Connection(
            id ?? $"{sequence:x16}",
            $"First{sequence}",
            $"Last{sequence}",
            $"https://www.linkedin.com/in/person-{sequence}",
            null,
            "Contoso",
            "Engineer",
            new DateOnly(2020, 1, 1).AddDays(sequence)),
        sequence,
        Start.AddMinutes(sequence));

    private static CampaignRecord Campaign(string id, DateTimeOffset createdAt) => new(
        id,
        new CampaignSettings(
            "owner@example.com",
            new Cadence { TimeZone = "Europe/London", PromptsPerDay = 3, Days = [DayOfWeek.Monday, DayOfWeek.Thursday], FixedInterval = TimeSpan.FromSeconds(2) },
            new OwnerTargets(["Contoso", "Fabrikam"], ["engineering manager"]),
            TimeSpan.FromDays(3),
            25),
        "Connections.csv",
        ["aa11", "bb22"],
        createdAt,
        CampaignState.Running,
        null);

    [Fact]
    public async Task Changes_to_the_campaign_record_made_at_the_same_moment_all_survive()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        await store.SaveCampaignAsync(Campaign(campaignId, Start), CancellationToken.None);

        // What the app does at once in a real campaign: the drip records its state, the owner revokes their links, and a
        // newer export is recorded. Read-then-replace would lose most of these; each must land on the record as stored.
        var changes = Enumerable.Range(0, 12).Select(i => (i % 3) switch
        {
            0 => store.UpdateCampaignAsync(campaignId, c => c with { State = CampaignState.Paused, StateReason = $"pause {i}" }, CancellationToken.None),
            1 => store.UpdateCampaignAsync(campaignId, c => c with { OwnerLinkNonce = c.OwnerLinkNonce + 1 }, CancellationToken.None),
            _ => store.UpdateCampaignAsync(campaignId, c => c with { ContentHashes = [.. c.ContentHashes, $"hash{i}"] }, CancellationToken.None),
        });
        await Task.WhenAll(changes);

        var stored = await store.FindCampaignAsync(campaignId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(4u, stored.OwnerLinkNonce);
        Assert.Equal(6, stored.ContentHashes.Count);
        Assert.All(Enumerable.Range(0, 4).Select(k => $"hash{(k * 3) + 2}"), hash => Assert.Contains(hash, stored.ContentHashes));
        Assert.Equal(CampaignState.Paused, stored.State);
        Assert.Null(await store.UpdateCampaignAsync(NewCampaignId(), c => c with { State = CampaignState.Stopped }, CancellationToken.None));
    }

    [Fact]
    public async Task Campaign_round_trips_with_its_settings_and_lists_newest_first()
    {
        var store = NewStore();
        await store.InitializeAsync(CancellationToken.None);
        var older = Campaign(NewCampaignId(), Start);
        var newer = Campaign(NewCampaignId(), Start.AddDays(1)) with { State = CampaignState.Paused, StateReason = "SendGrid refused the API key (401)." };

        await store.SaveCampaignAsync(older, CancellationToken.None);
        await store.SaveCampaignAsync(newer, CancellationToken.None);
        var found = await store.FindCampaignAsync(newer.CampaignId, CancellationToken.None);
        var list = await store.ListCampaignsAsync(CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(newer.CampaignId, found.CampaignId);
        Assert.Equal(CampaignState.Paused, found.State);
        Assert.Equal("SendGrid refused the API key (401).", found.StateReason);
        Assert.Equal(newer.CreatedAt, found.CreatedAt);
        Assert.Equal(["aa11", "bb22"], found.ContentHashes);
        Assert.Equal("Connections.csv", found.SourceName);
        Assert.Equal("owner@example.com", found.Settings.OwnerEmail);
        Assert.Equal("Europe/London", found.Settings.Cadence.TimeZone);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Thursday], found.Settings.Cadence.Days);
        Assert.Equal(TimeSpan.FromSeconds(2), found.Settings.Cadence.FixedInterval);
        Assert.Equal(["Contoso", "Fabrikam"], found.Settings.Targets.Companies);
        Assert.Equal(TimeSpan.FromDays(3), found.Settings.GracePeriod);
        Assert.Equal(25, found.Settings.ShortlistSize);
        Assert.Equal([newer.CampaignId, older.CampaignId], list.Select(c => c.CampaignId));
        Assert.Null(await store.FindCampaignAsync(NewCampaignId(), CancellationToken.None));
    }

    [Fact]
    public async Task Connections_round_trip_every_field_in_sequence_order()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        var emoji = new CampaignConnection(
            new Connection("0123456789abcdef", "Zoë 🎉", "O'Brien, Jr.", null, "zoe@example.com", null, null, null),
            2,
            new DateTimeOffset(2026, 12, 3, 10, 15, 30, 123, TimeSpan.FromHours(-5)));

        var added = await store.AddConnectionsAsync(campaignId, [Item(1), emoji, Item(0)], CancellationToken.None);
        var all = await store.GetConnectionsAsync(campaignId, CancellationToken.None);
        var found = await store.FindConnectionAsync(campaignId, "0123456789abcdef", CancellationToken.None);

        Assert.Equal(3, added.Count);
        Assert.Equal([0, 1, 2], all.Select(c => c.Sequence));
        Assert.Equal(Item(0).Connection, all[0].Connection);
        Assert.Equal(emoji.Connection, found?.Connection);
        Assert.Equal(emoji.PlannedAt, found?.PlannedAt);
        Assert.Equal(PromptSendState.Pending, found?.SendState);
        Assert.Null(found?.SentAt);
        Assert.Null(await store.FindConnectionAsync(campaignId, "ffffffffffffffff", CancellationToken.None));
    }

    [Fact]
    public async Task Adds_250_connections_in_transactions_of_at_most_100_actions()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        await store.InitializeAsync(CancellationToken.None);
        var items = Enumerable.Range(0, 250).Select(i => Item(i)).ToList();

        _batches.Reset();
        var added = await store.AddConnectionsAsync(campaignId, items, CancellationToken.None);

        Assert.Equal(250, added.Count);
        Assert.Equal(items.Select(i => i.Connection.Id), added.Select(a => a.Connection.Id));
        Assert.Equal(250, (await store.GetConnectionIdsAsync(campaignId, CancellationToken.None)).Count);

        // A connection and its schedule index row are two actions: 50 connections per transaction.
        Assert.Equal(5, _batches.Count);
    }

    [Fact]
    public async Task Adding_connections_reads_no_rows_and_a_retry_reads_only_its_conflicting_batches()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        await store.InitializeAsync(CancellationToken.None);
        var items = Enumerable.Range(0, 250).Select(i => Item(i)).ToList();

        _batches.Reset();
        await store.AddConnectionsAsync(campaignId, items[..100], CancellationToken.None);
        var firstRequests = _batches.Requests;

        // The retry of an upload that stopped after its first 100 rows: the same plan again.
        _batches.Reset();
        var added = await store.AddConnectionsAsync(campaignId, items, CancellationToken.None);
        var (retryBatches, retryRequests, retrySent) = (_batches.Count, _batches.Requests, string.Join("\n", _batches.Sent));

        // Two transactions and the counters row, nothing read first.
        Assert.Equal(3, firstRequests);
        Assert.Equal(items[100..].Select(i => i.Connection.Id), added.Select(a => a.Connection.Id));
        Assert.Equal(Enumerable.Range(0, 250), (await store.GetConnectionsAsync(campaignId, CancellationToken.None)).Select(c => c.Sequence));

        // Five transactions (two of them refused as already stored), one read of each refused batch's own schedule
        // range, and the counters row: not a read of every row of the campaign.
        Assert.Equal(5, retryBatches);
        Assert.True(retryRequests == 5 + 2 + 1, retrySent);
    }

    [Fact]
    public async Task Re_adding_skips_connections_already_present_and_keeps_their_send_marks()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        await store.AddConnectionsAsync(campaignId, Enumerable.Range(0, 10).Select(i => Item(i)).ToList(), CancellationToken.None);
        await store.MarkSentAsync(campaignId, Item(3).Connection.Id, Start, CancellationToken.None);

        // A newer export: the same ten people (planned differently) plus five new ones, one of them listed twice.
        var newer = Enumerable.Range(0, 10).Select(i => Item(i) with { Sequence = 100 + i, PlannedAt = Start.AddDays(9) })
            .Concat(Enumerable.Range(10, 5).Select(i => Item(i)))
            .Append(Item(12))
            .ToList();
        var added = await store.AddConnectionsAsync(campaignId, newer, CancellationToken.None);

        Assert.Equal(Enumerable.Range(10, 5).Select(i => Item(i).Connection.Id), added.Select(a => a.Connection.Id));
        var kept = await store.FindConnectionAsync(campaignId, Item(3).Connection.Id, CancellationToken.None);
        Assert.Equal(PromptSendState.Sent, kept?.SendState);
        Assert.Equal(3, kept?.Sequence);
        Assert.Equal(15, (await store.GetConnectionsAsync(campaignId, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Rejects_a_new_connection_whose_sequence_is_taken()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        await store.AddConnectionsAsync(campaignId, [Item(0), Item(1)], CancellationToken.None);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.AddConnectionsAsync(campaignId, [Item(1, id: "00000000000000aa")], CancellationToken.None));

        Assert.Contains("Sequence 1 is already taken", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_pages_follow_sequence_order_not_connection_id_order()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();

        // Ids in reverse of the sequence, so id order and send order disagree.
        var items = Enumerable.Range(0, 250).Select(i => Item(i, id: $"{1000 - i:x16}")).Reverse().ToList();
        await store.AddConnectionsAsync(campaignId, items, CancellationToken.None);

        var page = await store.GetSchedulePageAsync(campaignId, 100, 30, CancellationToken.None);
        var last = await store.GetSchedulePageAsync(campaignId, 240, 30, CancellationToken.None);
        var beyond = await store.GetSchedulePageAsync(campaignId, 250, 30, CancellationToken.None);

        Assert.Equal(Enumerable.Range(100, 30), page.Select(c => c.Sequence));
        Assert.Equal($"{1000 - 100:x16}", page[0].Connection.Id);
        Assert.Equal(Start.AddMinutes(100), page[0].PlannedAt);
        Assert.Equal(Enumerable.Range(240, 10), last.Select(c => c.Sequence));
        Assert.Empty(beyond);
    }

    [Fact]
    public async Task Schedule_pages_show_the_current_send_marks()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        await store.AddConnectionsAsync(campaignId, Enumerable.Range(0, 5).Select(i => Item(i)).ToList(), CancellationToken.None);
        await store.MarkSentAsync(campaignId, Item(1).Connection.Id, Start.AddHours(1), CancellationToken.None);
        Assert.True(await store.TryClaimSendAsync(campaignId, Item(2).Connection.Id, CancellationToken.None));

        var page = await store.GetSchedulePageAsync(campaignId, 0, 10, CancellationToken.None);

        Assert.Equal(
            [PromptSendState.Pending, PromptSendState.Sent, PromptSendState.Claimed, PromptSendState.Pending, PromptSendState.Pending],
            page.Select(c => c.SendState));
        Assert.Equal(Start.AddHours(1), page[1].SentAt);
    }

    [Fact]
    public async Task Only_one_of_many_parallel_callers_claims_a_send()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        var id = Item(0).Connection.Id;
        await store.AddConnectionsAsync(campaignId, [Item(0)], CancellationToken.None);

        using var gate = new ManualResetEventSlim();
        var claims = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            gate.Wait(TimeSpan.FromSeconds(10));
            return await store.TryClaimSendAsync(campaignId, id, CancellationToken.None);
        })).ToList();
        gate.Set();
        var results = await Task.WhenAll(claims);

        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(PromptSendState.Claimed, (await store.FindConnectionAsync(campaignId, id, CancellationToken.None))?.SendState);
    }

    [Fact]
    public async Task A_released_claim_can_be_claimed_again_but_a_sent_prompt_never()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        var id = Item(0).Connection.Id;
        await store.AddConnectionsAsync(campaignId, [Item(0)], CancellationToken.None);

        Assert.True(await store.TryClaimSendAsync(campaignId, id, CancellationToken.None));
        Assert.False(await store.TryClaimSendAsync(campaignId, id, CancellationToken.None));
        await store.ReleaseClaimAsync(campaignId, id, CancellationToken.None);
        Assert.True(await store.TryClaimSendAsync(campaignId, id, CancellationToken.None));
        await store.MarkSentAsync(campaignId, id, Start, CancellationToken.None);
        await store.ReleaseClaimAsync(campaignId, id, CancellationToken.None);

        var after = await store.FindConnectionAsync(campaignId, id, CancellationToken.None);
        Assert.Equal(PromptSendState.Sent, after?.SendState);
        Assert.Equal(Start, after?.SentAt);
        Assert.False(await store.TryClaimSendAsync(campaignId, id, CancellationToken.None));
        Assert.False(await store.TryClaimSendAsync(campaignId, "ffffffffffffffff", CancellationToken.None));
    }

    [Fact]
    public async Task The_shortlist_email_is_claimed_by_one_of_many_callers_and_never_again_once_sent_and_not_seen_as_a_connection()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        await store.AddConnectionsAsync(campaignId, [Item(0)], CancellationToken.None);
        Assert.Equal(PromptSendState.Pending, await store.GetShortlistSendStateAsync(campaignId, CancellationToken.None));

        using var gate = new ManualResetEventSlim();
        var claims = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            gate.Wait(TimeSpan.FromSeconds(10));
            return await store.TryClaimShortlistSendAsync(campaignId, CancellationToken.None);
        })).ToList();
        gate.Set();
        Assert.Equal(1, (await Task.WhenAll(claims)).Count(r => r));
        Assert.Equal(PromptSendState.Claimed, await store.GetShortlistSendStateAsync(campaignId, CancellationToken.None));

        await store.ReleaseShortlistClaimAsync(campaignId, CancellationToken.None);
        Assert.True(await store.TryClaimShortlistSendAsync(campaignId, CancellationToken.None));
        await store.MarkShortlistSentAsync(campaignId, Start, CancellationToken.None);
        await store.ReleaseShortlistClaimAsync(campaignId, CancellationToken.None);
        Assert.Equal(PromptSendState.Sent, await store.GetShortlistSendStateAsync(campaignId, CancellationToken.None));
        Assert.False(await store.TryClaimShortlistSendAsync(campaignId, CancellationToken.None));

        // The mark lives beside the connections but is none of them, and goes with the campaign.
        Assert.Single(await store.GetConnectionsAsync(campaignId, CancellationToken.None));
        Assert.Single(await store.GetSchedulePageAsync(campaignId, 0, 10, CancellationToken.None));
        await store.DeleteCampaignAsync(campaignId, CancellationToken.None);
        Assert.Equal(PromptSendState.Pending, await store.GetShortlistSendStateAsync(campaignId, CancellationToken.None));
    }

    [Fact]
    public async Task Replan_moves_planned_times_and_ignores_unknown_connections()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        await store.AddConnectionsAsync(campaignId, Enumerable.Range(0, 120).Select(i => Item(i)).ToList(), CancellationToken.None);
        var plan = Enumerable.Range(0, 120).Select(i => (Item(i).Connection.Id, Start.AddDays(7).AddMinutes(i)))
            .Append(("ffffffffffffffff", Start))
            .ToList();

        await store.ReplanAsync(campaignId, plan, CancellationToken.None);

        var all = await store.GetConnectionsAsync(campaignId, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => Start.AddDays(7).AddMinutes(i)), all.Select(c => c.PlannedAt));
        Assert.Equal(120, all.Count);
    }

    [Fact]
    public async Task A_later_reply_replaces_the_earlier_one()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        var first = new RecordedReply(campaignId, Item(0).Connection.Id, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 2 }, ReplyChannel.Email, Start);
        var second = new RecordedReply(
            campaignId,
            Item(0).Connection.Id,
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Boss,
                HowWeKnow = "Ran the Zürich launch together ✨",
                Strength = 5,
                TheirPerception = 4,
                YourPerception = 5,
                CouldHelp = HelpKind.Introduce | HelpKind.Refer,
                CanOffer = "Intros to the data team",
            },
            ReplyChannel.ReplyPage,
            Start.AddHours(2));

        await store.SaveReplyAsync(first, CancellationToken.None);
        await store.SaveReplyAsync(second, CancellationToken.None);
        var found = await store.FindReplyAsync(campaignId, Item(0).Connection.Id, CancellationToken.None);
        var all = await store.GetRepliesAsync(campaignId, CancellationToken.None);

        Assert.Equal(second, found);
        Assert.Equal([second], all);
        Assert.Null(await store.FindReplyAsync(campaignId, Item(1).Connection.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_reply_longer_than_one_table_property_is_kept_whole()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        var notes = string.Concat(Enumerable.Repeat("Worked together on the 🚀 launch; ", 4000));
        var reply = new RecordedReply(campaignId, Item(0).Connection.Id, new ReplyAnswers { Notes = notes }, ReplyChannel.Email, Start);

        await store.SaveReplyAsync(reply, CancellationToken.None);
        await store.SaveReplyAsync(reply with { Answers = new ReplyAnswers { Notes = notes + " Also a mentor." } }, CancellationToken.None);
        var found = await store.FindReplyAsync(campaignId, Item(0).Connection.Id, CancellationToken.None);

        Assert.True(notes.Length > 64 * 1024);
        Assert.Equal(notes + " Also a mentor.", found?.Answers.Notes);
    }

    [Fact]
    public async Task Progress_counts_connections_sent_prompts_and_replies()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        await store.AddConnectionsAsync(campaignId, Enumerable.Range(0, 7).Select(i => Item(i)).ToList(), CancellationToken.None);
        await store.MarkSentAsync(campaignId, Item(0).Connection.Id, Start, CancellationToken.None);
        await store.MarkSentAsync(campaignId, Item(1).Connection.Id, Start, CancellationToken.None);
        await store.TryClaimSendAsync(campaignId, Item(2).Connection.Id, CancellationToken.None);
        await store.SaveReplyAsync(new RecordedReply(campaignId, Item(0).Connection.Id, new ReplyAnswers { Skip = true }, ReplyChannel.ReplyPage, Start), CancellationToken.None);

        var progress = await store.GetProgressAsync(campaignId, CancellationToken.None);

        Assert.Equal(new CampaignProgress(Total: 7, Sent: 2, Replied: 1), progress);
        Assert.Equal(new CampaignProgress(0, 0, 0), await store.GetProgressAsync(NewCampaignId(), CancellationToken.None));
    }

    [Fact]
    public async Task Sends_and_replies_are_counted_once_however_often_they_are_repeated_or_raced()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        await store.BeginImportAsync(campaignId, 5, CancellationToken.None);
        await store.AddConnectionsAsync(campaignId, Enumerable.Range(0, 5).Select(i => Item(i)).ToList(), CancellationToken.None);
        await store.CompleteImportAsync(campaignId, CancellationToken.None);

        await store.MarkSentAsync(campaignId, Item(0).Connection.Id, Start, CancellationToken.None);
        await store.MarkSentAsync(campaignId, Item(0).Connection.Id, Start, CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.MarkSentAsync(campaignId, Item(1).Connection.Id, Start, CancellationToken.None)));
        var reply = new RecordedReply(campaignId, Item(0).Connection.Id, new ReplyAnswers { Strength = 4 }, ReplyChannel.ReplyPage, Start);
        await store.SaveReplyAsync(reply, CancellationToken.None);
        await store.SaveReplyAsync(reply with { Answers = new ReplyAnswers { Strength = 5 } }, CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.SaveReplyAsync(reply with { ConnectionId = Item(2).Connection.Id }, CancellationToken.None)));

        _batches.Reset();
        var progress = await store.GetProgressAsync(campaignId, CancellationToken.None);

        Assert.Equal(new CampaignProgress(Total: 5, Sent: 2, Replied: 2), progress);
        Assert.Equal(1, _batches.Requests);
        Assert.Equal(progress, await store.RecountProgressAsync(campaignId, CancellationToken.None));
        Assert.Equal(
            [Item(0).Connection.Id, Item(2).Connection.Id],
            (await store.GetRepliedConnectionsAsync(campaignId, CancellationToken.None)).Select(c => c.Connection.Id));
    }

    [Fact]
    public async Task A_recount_repairs_counts_that_drifted_and_later_counts_build_on_it()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        await store.BeginImportAsync(campaignId, 4, CancellationToken.None);
        await store.AddConnectionsAsync(campaignId, Enumerable.Range(0, 4).Select(i => Item(i)).ToList(), CancellationToken.None);
        await store.CompleteImportAsync(campaignId, CancellationToken.None);
        await store.MarkSentAsync(campaignId, Item(0).Connection.Id, Start, CancellationToken.None);

        // As if a host died after storing a reply but before counting it, and counts were lost besides.
        var connections = new TableServiceClient(azurite.ConnectionString).GetTableClient(store.TableNames[1]);
        var replies = new TableServiceClient(azurite.ConnectionString).GetTableClient(store.TableNames[2]);
        await replies.UpsertEntityAsync(new TableEntity(campaignId, Item(3).Connection.Id) { ["Channel"] = "Email", ["Answers"] = "{}" });
        await connections.UpsertEntityAsync(new TableEntity(campaignId, "~c") { ["Total"] = 1, ["Sent"] = 7, ["Replied"] = 0, ["Importing"] = false }, TableUpdateMode.Replace);

        var repaired = await store.RecountProgressAsync(campaignId, CancellationToken.None);
        await store.SaveReplyAsync(new RecordedReply(campaignId, Item(3).Connection.Id, new ReplyAnswers(), ReplyChannel.Email, Start), CancellationToken.None);
        await store.MarkSentAsync(campaignId, Item(1).Connection.Id, Start, CancellationToken.None);

        Assert.Equal(new CampaignProgress(4, 1, 1), repaired);
        Assert.Equal([Item(3).Connection.Id], (await store.GetRepliedConnectionsAsync(campaignId, CancellationToken.None)).Select(c => c.Connection.Id));
        Assert.Equal(new CampaignProgress(4, 2, 1), await store.GetProgressAsync(campaignId, CancellationToken.None));
    }

    [Fact]
    public async Task Progress_shows_the_whole_upload_while_its_rows_are_still_being_stored()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();
        var all = Enumerable.Range(0, 130).Select(i => Item(i)).ToList();

        await store.BeginImportAsync(campaignId, all.Count, CancellationToken.None);
        await store.AddConnectionsAsync(campaignId, all[..50], CancellationToken.None);
        var storing = await store.GetProgressAsync(campaignId, CancellationToken.None);
        await store.AddConnectionsAsync(campaignId, all[50..], CancellationToken.None);
        await store.CompleteImportAsync(campaignId, CancellationToken.None);

        Assert.Equal(new CampaignProgress(130, 0, 0, Importing: true), storing);
        Assert.Equal(new CampaignProgress(130, 0, 0), await store.GetProgressAsync(campaignId, CancellationToken.None));
        Assert.Equal(all.Select(c => c.Connection.Id), (await store.GetConnectionsAsync(campaignId, CancellationToken.None)).Select(c => c.Connection.Id));
    }

    [Fact]
    public async Task Delete_removes_the_campaign_its_connections_and_replies_and_nothing_else()
    {
        var store = NewStore();
        var doomed = NewCampaignId();
        var other = NewCampaignId();
        foreach (var id in new[] { doomed, other })
        {
            await store.SaveCampaignAsync(Campaign(id, Start), CancellationToken.None);
            await store.AddConnectionsAsync(id, Enumerable.Range(0, 130).Select(i => Item(i)).ToList(), CancellationToken.None);
            await store.SaveReplyAsync(new RecordedReply(id, Item(0).Connection.Id, new ReplyAnswers(), ReplyChannel.Email, Start), CancellationToken.None);
        }

        await store.DeleteCampaignAsync(doomed, CancellationToken.None);

        Assert.Null(await store.FindCampaignAsync(doomed, CancellationToken.None));
        Assert.Empty(await store.GetConnectionsAsync(doomed, CancellationToken.None));
        Assert.Empty(await store.GetSchedulePageAsync(doomed, 0, 10, CancellationToken.None));
        Assert.Empty(await store.GetRepliesAsync(doomed, CancellationToken.None));
        Assert.Equal(new CampaignProgress(130, 0, 1), await store.GetProgressAsync(other, CancellationToken.None));
        Assert.NotNull(await store.FindCampaignAsync(other, CancellationToken.None));

        // Deleting again is harmless.
        await store.DeleteCampaignAsync(doomed, CancellationToken.None);
    }

    [Fact]
    public async Task Works_without_an_explicit_initialize()
    {
        var store = NewStore();
        var campaignId = NewCampaignId();

        await store.SaveCampaignAsync(Campaign(campaignId, Start), CancellationToken.None);

        Assert.NotNull(await store.FindCampaignAsync(campaignId, CancellationToken.None));
    }

    /// <summary>Counts the entity-group transactions (<c>$batch</c> requests) the store submits.</summary>
    private sealed class BatchCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;
        private int _requests;

        public int Count => Volatile.Read(ref _count);

        /// <summary>Gets every request sent, batches or not.</summary>
        public int Requests => Volatile.Read(ref _requests);

        /// <summary>Gets each request's method and path, for a failure message.</summary>
        public ConcurrentQueue<string> Sent { get; } = new();

        public void Reset()
        {
            Interlocked.Exchange(ref _count, 0);
            Interlocked.Exchange(ref _requests, 0);
            Sent.Clear();
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            Interlocked.Increment(ref _requests);
            Sent.Enqueue($"{message.Request.Method} {Uri.UnescapeDataString(message.Request.Uri.PathAndQuery)}");
            if (message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
