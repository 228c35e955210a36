using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Import;
using GoodwillFlow.Testing;
using GoodwillFlow.Testing.Azurite;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Storage;
using GoodwillFlow.Workflow.Uploads;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using GoodwillFlow.Testing.Exports;

namespace GoodwillFlow.Workflow.Tests.Uploads;

/// <summary>The upload handler against real blobs in Azurite, with in-memory storage and a recording Durable client.</summary>
public sealed class ConnectionsUploadHandlerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Owner = "owner@example.com";

    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly ExportRow[] FirstExport =
    [
        new("Ada", "Lovelace", "ada-lovelace", "Analytical Engines", "Mathematician", "10 Dec 2010"),
        new("Grace", "Hopper", "grace-hopper", "Contoso", "Rear Admiral", "9 Dec 2015"),
        new("Alan", "Turing", "alan-turing", "Fabrikam", "Researcher", "23 Jun 2012"),
        new("Katherine", "Johnson", "katherine-johnson", "Northwind", "Engineer", "26 Aug 2018"),
        new("Edsger", "Dijkstra", "edsger-dijkstra", "Fabrikam", "Professor", "11 May 2020"),
    ];

    private static readonly ExportRow[] NewPeople =
    [
        new("Barbara", "Liskov", "barbara-liskov", "Tailspin", "Professor", "7 Nov 2025"),
        new("Margaret", "Hamilton", "margaret-hamilton", "Contoso", "Director", "17 Aug 2025"),
        new("Donald", "Knuth", "donald-knuth", "Fabrikam", "Author", "10 Jan 2026"),
    ];

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly InMemoryCampaignStore _memoryStore = new();
    private readonly InMemoryCampaignFiles _files = new();
    private readonly RecordingEmailSender _email = new();
    private readonly FakeDurableTaskClient _durable = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ListLogger<ConnectionsUploadHandler> _logger = new();
    private readonly GoodwillOptions _options = new() { OwnerEmail = Owner, FixedInterval = TimeSpan.FromHours(1) };
    private readonly LinkedInImportOptions _importOptions = new();
    private readonly string _container = AzuriteFixture.UniqueName("connections");
    private CrashingCampaignStore? _store;

    private CancellationToken Ct => _timeout.Token;

    private CrashingCampaignStore Store => _store ??= new CrashingCampaignStore(_memoryStore);

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Starts_a_campaign_with_everyone_in_planned_order_and_one_orchestration()
    {
        _options.TargetCompanies = "Contoso";
        var blob = await UploadAsync("Connections.csv", ConnectionsExport.Of(FirstExport));

        var outcome = await Handler().HandleAsync(blob, _durable, Ct);

        Assert.Equal(UploadOutcomeKind.Started, outcome.Kind);
        Assert.Equal(5, outcome.Imported);
        Assert.Equal(5, outcome.Added);
        var campaignId = outcome.CampaignId!;
        Assert.True(ConnectionId.IsValid(campaignId));

        var campaign = await _memoryStore.FindCampaignAsync(campaignId, Ct);
        Assert.NotNull(campaign);
        Assert.Equal(CampaignState.Running, campaign.State);
        Assert.Equal("Connections.csv", campaign.SourceName);
        Assert.Single(campaign.ContentHashes);
        Assert.Equal(Now, campaign.CreatedAt);

        var connections = await _memoryStore.GetConnectionsAsync(campaignId, Ct);
        Assert.Equal([0, 1, 2, 3, 4], connections.Select(c => c.Sequence));
        Assert.Equal("Grace Hopper", connections[0].Connection.DisplayName); // the target company comes first
        Assert.Equal(Enumerable.Range(0, 5).Select(i => Now.AddHours(i)), connections.Select(c => c.PlannedAt));
        Assert.All(connections, c => Assert.Equal(PromptSendState.Pending, c.SendState));
        Assert.Equal(
            FirstExport.Select(r => $"{r.FirstName} {r.LastName}").Order(),
            connections.Select(c => c.Connection.DisplayName).Order());

        var scheduled = Assert.Single(_durable.Scheduled);
        Assert.Equal(nameof(DripCampaignOrchestrator), scheduled.Name);
        Assert.Equal(campaignId, scheduled.InstanceId);
        Assert.Equal(new DripCampaignInput(campaignId), scheduled.Input);
    }

    [Fact]
    public async Task The_campaign_id_depends_on_the_owner_and_the_content_not_the_blob_name()
    {
        var content = ConnectionsExport.Of(FirstExport);
        var first = await Handler().HandleAsync(await UploadAsync("first.csv", content), _durable, Ct);

        var elsewhere = await new ConnectionsUploadHandler(
                new InMemoryCampaignStore(), _files, _email, Options.Create(_options), Options.Create(_importOptions), _time, _logger)
            .HandleAsync(await UploadAsync("renamed.csv", content), new FakeDurableTaskClient(), Ct);
        var otherOwner = await Handler().HandleAsync(
            await UploadAsync("theirs.csv", content, new Dictionary<string, string> { ["owneremail"] = "someone.else@example.com" }),
            _durable,
            Ct);

        Assert.Equal(UploadOutcomeKind.Started, elsewhere.Kind);
        Assert.Equal(first.CampaignId, elsewhere.CampaignId);
        Assert.Equal(UploadOutcomeKind.Started, otherOwner.Kind);
        Assert.NotEqual(first.CampaignId, otherOwner.CampaignId);
    }

    [Fact]
    public async Task The_same_file_again_is_already_imported_and_starts_nothing()
    {
        var content = ConnectionsExport.Of(FirstExport);
        var blob = await UploadAsync("Connections.csv", content);
        var handler = Handler();
        var started = await handler.HandleAsync(blob, _durable, Ct);

        var repeatedEvent = await handler.HandleAsync(blob, _durable, Ct);
        var reUpload = await handler.HandleAsync(await UploadAsync("Connections (1).csv", content), _durable, Ct);

        Assert.Equal(UploadOutcomeKind.AlreadyImported, repeatedEvent.Kind);
        Assert.Equal(UploadOutcomeKind.AlreadyImported, reUpload.Kind);
        Assert.Equal(started.CampaignId, repeatedEvent.CampaignId);
        Assert.Equal(started.CampaignId, reUpload.CampaignId);
        Assert.Single(_durable.Scheduled);
        Assert.Empty(_durable.RaisedEvents);
        Assert.Single(await _memoryStore.ListCampaignsAsync(Ct));
        Assert.Equal(5, (await _memoryStore.GetConnectionsAsync(started.CampaignId!, Ct)).Count);
    }

    [Fact]
    public async Task A_newer_export_adds_only_new_people_after_the_schedule_and_never_reprompts_anyone()
    {
        var handler = Handler();
        var started = await handler.HandleAsync(await UploadAsync("Connections.csv", ConnectionsExport.Of(FirstExport)), _durable, Ct);
        var campaignId = started.CampaignId!;
        _durable.Instances[campaignId] = OrchestrationRuntimeStatus.Running;
        var before = await _memoryStore.GetConnectionsAsync(campaignId, Ct);
        foreach (var sent in before.Take(2))
        {
            await _memoryStore.MarkSentAsync(campaignId, sent.Connection.Id, Now.AddMinutes(5), Ct);
        }

        _time.Advance(TimeSpan.FromMinutes(90));
        // The newer export still lists everyone (one has changed jobs since) plus three new connections.
        var newer = FirstExport.Select(r => r.Slug == "ada-lovelace" ? r with { Company = "Contoso" } : r).Concat(NewPeople);
        var newerBlob = await UploadAsync("Connections-2026.csv", ConnectionsExport.Of(newer));
        var extended = await handler.HandleAsync(newerBlob, _durable, Ct);

        Assert.Equal(UploadOutcomeKind.Extended, extended.Kind);
        Assert.Equal(campaignId, extended.CampaignId);
        Assert.Equal(8, extended.Imported);
        Assert.Equal(3, extended.Added);

        var after = await _memoryStore.GetConnectionsAsync(campaignId, Ct);
        Assert.Equal(8, after.Count);
        Assert.Equal(before.Select(c => (c.Connection.Id, c.Sequence, c.PlannedAt)), after.Take(5).Select(c => (c.Connection.Id, c.Sequence, c.PlannedAt)));
        Assert.Equal(2, after.Count(c => c.SendState == PromptSendState.Sent));
        var added = after.Skip(5).ToList();
        Assert.Equal([5, 6, 7], added.Select(c => c.Sequence));
        Assert.Equal(
            NewPeople.Select(r => $"{r.FirstName} {r.LastName}").Order(),
            added.Select(c => c.Connection.DisplayName).Order());
        var lastPlanned = before.Max(c => c.PlannedAt);
        Assert.Equal([lastPlanned.AddHours(1), lastPlanned.AddHours(2), lastPlanned.AddHours(3)], added.Select(c => c.PlannedAt));

        var raised = Assert.Single(_durable.RaisedEvents);
        Assert.Equal((campaignId, CampaignEvents.ConnectionsAdded, (object?)3), raised);
        Assert.Single(_durable.Scheduled);
        Assert.Equal(2, (await _memoryStore.FindCampaignAsync(campaignId, Ct))!.ContentHashes.Count);

        var repeatedEvent = await handler.HandleAsync(newerBlob, _durable, Ct);
        Assert.Equal(UploadOutcomeKind.AlreadyImported, repeatedEvent.Kind);
        Assert.Equal(campaignId, repeatedEvent.CampaignId);
        Assert.Single(_durable.RaisedEvents);
        Assert.Equal(8, (await _memoryStore.GetConnectionsAsync(campaignId, Ct)).Count);
    }

    [Fact]
    public async Task A_newer_export_after_the_campaign_finished_starts_a_new_campaign()
    {
        var handler = Handler();
        var first = await handler.HandleAsync(await UploadAsync("Connections.csv", ConnectionsExport.Of(FirstExport)), _durable, Ct);
        _durable.Instances[first.CampaignId!] = OrchestrationRuntimeStatus.Completed;
        var record = (await _memoryStore.FindCampaignAsync(first.CampaignId!, Ct))!;
        await _memoryStore.SaveCampaignAsync(record with { State = CampaignState.Completed }, Ct);

        var second = await handler.HandleAsync(
            await UploadAsync("Connections-2026.csv", ConnectionsExport.Of(FirstExport.Concat(NewPeople))), _durable, Ct);

        Assert.Equal(UploadOutcomeKind.Started, second.Kind);
        Assert.NotEqual(first.CampaignId, second.CampaignId);
        Assert.Equal(8, (await _memoryStore.GetConnectionsAsync(second.CampaignId!, Ct)).Count);
        Assert.Equal(2, _durable.Scheduled.Count);
        Assert.Empty(_durable.RaisedEvents);
    }

    [Fact]
    public async Task Rejects_a_messages_export_with_a_reason_file_and_returns_normally()
    {
        var blob = await UploadAsync("messages.csv", ConnectionsCsv.Messages());

        var outcome = await Handler().HandleAsync(blob, _durable, Ct);

        Assert.Equal(UploadOutcomeKind.Rejected, outcome.Kind);
        Assert.Null(outcome.CampaignId);
        Assert.Contains("messages.csv export, not your connections", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(outcome.Reason, Encoding.UTF8.GetString(_files.Blobs["rejected/messages.csv.txt"]));
        Assert.Empty(await _memoryStore.ListCampaignsAsync(Ct));
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task Emails_the_owner_why_an_upload_was_rejected()
    {
        var outcome = await Handler().HandleAsync(await UploadAsync("messages.csv", ConnectionsCsv.Messages()), _durable, Ct);

        var notice = Assert.Single(_email.Sent);
        Assert.Equal(Owner, notice.To);
        Assert.Contains(outcome.Reason!, notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_on_the_upload_overrides_the_app_settings()
    {
        var metadata = new Dictionary<string, string>
        {
            ["OwnerEmail"] = "Coached.Client@Example.com",
            ["timezone"] = "Europe/London",
            ["interval"] = "00:10:00",
            ["targetcompanies"] = Uri.EscapeDataString("Société Générale"),
            ["targetroles"] = "director, professor",
            ["graceperiod"] = "01:00:00",
            ["shortlistsize"] = "10",
        };
        var rows = FirstExport.Append(new ExportRow("Chloé", "Martin", "chloe-martin", "Société Générale", "Analyst", "1 Jan 2024"));
        var blob = await UploadAsync("Connections.csv", ConnectionsExport.Of(rows), metadata);

        var outcome = await Handler().HandleAsync(blob, _durable, Ct);

        Assert.Equal(UploadOutcomeKind.Started, outcome.Kind);
        var settings = (await _memoryStore.FindCampaignAsync(outcome.CampaignId!, Ct))!.Settings;
        Assert.Equal("Coached.Client@Example.com", settings.OwnerEmail);
        Assert.Equal("Europe/London", settings.Cadence.TimeZone);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.Cadence.FixedInterval);
        Assert.Equal(["Société Générale"], settings.Targets.Companies);
        Assert.Equal(["director", "professor"], settings.Targets.Roles);
        Assert.Equal(TimeSpan.FromHours(1), settings.GracePeriod);
        Assert.Equal(10, settings.ShortlistSize);

        var connections = await _memoryStore.GetConnectionsAsync(outcome.CampaignId!, Ct);
        Assert.Equal("Chloé Martin", connections[0].Connection.DisplayName);
        Assert.Equal(Now.AddMinutes(10), connections[1].PlannedAt);
    }

    [Fact]
    public async Task Rejects_an_unknown_time_zone_with_a_clear_reason_before_downloading()
    {
        var blob = await UploadAsync(
            "Connections.csv", ConnectionsExport.Of(FirstExport), new Dictionary<string, string> { ["timezone"] = "Mars/Olympus_Mons" });

        var outcome = await Handler().HandleAsync(blob, _durable, Ct);

        Assert.Equal(UploadOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal(
            "The time zone 'Mars/Olympus_Mons' is not known: use an IANA name such as Europe/London or America/New_York. " +
            "(Fix the 'timezone' metadata on the upload and upload the file again.)",
            outcome.Reason);
        Assert.Equal(outcome.Reason, Encoding.UTF8.GetString(_files.Blobs["rejected/Connections.csv.txt"]));
        Assert.Equal(0, blob.Downloads);
        Assert.Empty(await _memoryStore.ListCampaignsAsync(Ct));
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task Rejects_an_upload_when_no_owner_email_is_set_and_emails_nobody()
    {
        _options.OwnerEmail = "";
        var blob = await UploadAsync("Connections.csv", ConnectionsExport.Of(FirstExport));

        var outcome = await Handler().HandleAsync(blob, _durable, Ct);

        Assert.Equal(UploadOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal(
            "No owner email address is set, so there is nobody to send the prompts to. " +
            "(Set the Goodwill__OwnerEmail app setting, or 'owneremail' metadata on the upload.)",
            outcome.Reason);
        Assert.True(_files.Blobs.ContainsKey("rejected/Connections.csv.txt"));
        Assert.Empty(_email.Sent);
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task Refuses_an_oversized_file_without_downloading_it()
    {
        _importOptions.MaxFileBytes = 1024;
        var many = Enumerable.Range(0, 40).Select(i => new ExportRow("Person", $"Number{i}", $"person-{i}"));
        var blob = await UploadAsync("huge.csv", ConnectionsExport.Of(many));

        var outcome = await Handler().HandleAsync(blob, _durable, Ct);

        Assert.Equal(UploadOutcomeKind.Rejected, outcome.Kind);
        Assert.StartsWith("The file is larger than ", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("far more than a connections export can be; upload the Connections.csv file", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(0, blob.Downloads);
        Assert.True(_files.Blobs.ContainsKey("rejected/huge.csv.txt"));
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task A_retry_after_a_crash_before_the_record_was_written_completes_the_campaign()
    {
        Store.FailNextCampaignSaves = 1;
        var blob = await UploadAsync("Connections.csv", ConnectionsExport.Of(FirstExport));
        var handler = Handler();

        await Assert.ThrowsAsync<InvalidOperationException>(() => handler.HandleAsync(blob, _durable, Ct));
        Assert.Empty(await _memoryStore.ListCampaignsAsync(Ct));
        Assert.Empty(_durable.Scheduled);

        var retried = await handler.HandleAsync(blob, _durable, Ct);

        Assert.Equal(UploadOutcomeKind.Started, retried.Kind);
        Assert.Equal(5, (await _memoryStore.GetConnectionsAsync(retried.CampaignId!, Ct)).Count);
        Assert.Equal(retried.CampaignId, Assert.Single(_durable.Scheduled).InstanceId);
    }

    [Fact]
    public async Task A_retry_after_a_crash_before_the_orchestration_started_starts_it_once()
    {
        _durable.FailNextSchedules = 1;
        var blob = await UploadAsync("Connections.csv", ConnectionsExport.Of(FirstExport));
        var handler = Handler();

        await Assert.ThrowsAsync<InvalidOperationException>(() => handler.HandleAsync(blob, _durable, Ct));
        var retried = await handler.HandleAsync(blob, _durable, Ct);
        var again = await handler.HandleAsync(blob, _durable, Ct);

        Assert.Equal(UploadOutcomeKind.Started, retried.Kind);
        Assert.Equal(5, retried.Added);
        Assert.Equal(UploadOutcomeKind.AlreadyImported, again.Kind);
        Assert.Equal(retried.CampaignId, Assert.Single(_durable.Scheduled).InstanceId);
    }

    [Fact]
    public async Task The_drip_starts_before_the_rest_of_a_large_upload_is_stored()
    {
        var people = ManyPeople(130);
        var scheduledBefore = new List<(int Call, int Rows, int Started)>();
        Store.BeforeAdd = (call, rows) => scheduledBefore.Add((call, rows.Count, _durable.Scheduled.Count));
        var blob = await UploadAsync("Connections.csv", ConnectionsExport.Of(people));

        var outcome = await Handler().HandleAsync(blob, _durable, Ct);

        Assert.Equal(UploadOutcomeKind.Started, outcome.Kind);
        Assert.Equal(130, outcome.Added);
        Assert.Equal([(1, 100, 0), (2, 30, 1)], scheduledBefore);
        Assert.Equal(new CampaignProgress(130, 0, 0), await _memoryStore.GetProgressAsync(outcome.CampaignId!, Ct));
    }

    [Fact]
    public async Task The_rest_of_a_large_upload_is_stored_as_soon_as_the_first_prompt_is_sent()
    {
        var people = ManyPeople(130);
        Task? firstPrompt = null;
        var sentBeforeTheRest = -1;
        Store.BeforeAdd = (call, rows) =>
        {
            if (call == 2)
            {
                sentBeforeTheRest = _memoryStore.GetProgressAsync(Assert.Single(_durable.Scheduled).InstanceId, Ct).GetAwaiter().GetResult().Sent;
            }

            if (call == 1)
            {
                // The drip, elsewhere, on a busy host: the first prompt goes out seconds after the campaign starts
                // (longer than the fixed 3 s head start the handler used to give it).
                firstPrompt = Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(3.5), Ct);
                    var id = Assert.Single(_durable.Scheduled).InstanceId;
                    await _memoryStore.MarkSentAsync(id, rows[0].Connection.Id, Now, Ct);
                }, Ct);
            }
        };
        var blob = await UploadAsync("Connections.csv", ConnectionsExport.Of(people));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var outcome = await Handler(firstPromptWaitLimit: TimeSpan.FromSeconds(30)).HandleAsync(blob, _durable, Ct);

        watch.Stop();
        await firstPrompt!;
        Assert.Equal(130, outcome.Added);
        Assert.Equal(1, sentBeforeTheRest);

        // Well before the 30 s limit: the handler went on when the prompt was sent, not after a fixed delay.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"The upload took {watch.Elapsed}.");
        Assert.Equal(new CampaignProgress(130, 1, 0), await _memoryStore.GetProgressAsync(outcome.CampaignId!, Ct));
    }

    [Fact]
    public async Task A_crash_while_storing_the_rest_of_a_large_upload_is_completed_by_the_retry()
    {
        var people = ManyPeople(260);
        Store.CrashMidwayThroughAdd = 2;
        var blob = await UploadAsync("Connections.csv", ConnectionsExport.Of(people));
        var handler = Handler();

        await Assert.ThrowsAsync<InvalidOperationException>(() => handler.HandleAsync(blob, _durable, Ct));
        var campaignId = Assert.Single(_durable.Scheduled).InstanceId;
        var interrupted = await _memoryStore.GetProgressAsync(campaignId, Ct);
        var storedBefore = (await _memoryStore.GetConnectionsAsync(campaignId, Ct)).Count;
        _time.Advance(TimeSpan.FromMinutes(7));

        var retried = await handler.HandleAsync(blob, _durable, Ct);

        Assert.Equal(new CampaignProgress(260, 0, 0, Importing: true), interrupted);
        Assert.Equal(180, storedBefore);
        Assert.Equal(campaignId, retried.CampaignId);
        Assert.Single(_durable.Scheduled);
        var stored = await _memoryStore.GetConnectionsAsync(campaignId, Ct);
        Assert.Equal(Enumerable.Range(0, 260), stored.Select(c => c.Sequence));

        // The rest follows the first attempt's plan, not one from the retry's clock.
        Assert.Equal(Enumerable.Range(0, 260).Select(i => Now.AddHours(i)), stored.Select(c => c.PlannedAt));
        Assert.Equal(new CampaignProgress(260, 0, 0), await _memoryStore.GetProgressAsync(campaignId, Ct));
    }

    private static ExportRow[] ManyPeople(int count) =>
        Enumerable.Range(0, count)
            .Select(i => new ExportRow($"Person{i}", $"Surname{i}", $"person-{i}", i % 3 == 0 ? "Contoso" : "Northwind", "Engineer", "10 Dec 2010"))
            .ToArray();

    [Fact]
    public async Task A_deleted_upload_is_reported_without_throwing()
    {
        var missing = new BlobClient(azurite.ConnectionString, _container, "gone.csv");
        await new BlobContainerClient(azurite.ConnectionString, _container).CreateIfNotExistsAsync(cancellationToken: Ct);

        var outcome = await Handler().HandleAsync(missing, _durable, Ct);

        Assert.Equal(UploadOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal("The file was deleted before it could be imported.", outcome.Reason);
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task Logs_no_names_email_addresses_or_file_names()
    {
        var handler = Handler();
        var started = await handler.HandleAsync(await UploadAsync("ada-and-friends.csv", ConnectionsExport.Of(FirstExport)), _durable, Ct);
        _durable.Instances[started.CampaignId!] = OrchestrationRuntimeStatus.Running;
        await handler.HandleAsync(await UploadAsync("newer.csv", ConnectionsExport.Of(FirstExport.Concat(NewPeople))), _durable, Ct);
        await handler.HandleAsync(await UploadAsync("messages.csv", ConnectionsCsv.Messages()), _durable, Ct);

        Assert.NotEmpty(_logger.Entries);
        var forbidden = FirstExport.Concat(NewPeople).SelectMany(r => new[] { r.FirstName, r.LastName, r.Slug })
            .Concat(["@", "ada-and-friends", "newer.csv", "messages.csv"]);
        Assert.All(_logger.Entries, entry => Assert.All(forbidden, word => Assert.DoesNotContain(word, entry.Message, StringComparison.Ordinal)));
        Assert.All(_logger.Entries, entry => Assert.InRange(entry.Id.Id, 3600, 3699));
    }

    [Fact]
    public async Task The_composition_root_builds_the_handler_from_app_settings_and_import_limits()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["Goodwill:OwnerEmail"] = Owner,
                ["Goodwill:FixedInterval"] = "00:05:00",
                ["Goodwill:Import:MaxFileBytes"] = "2048",
            })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<ICampaignStore>(_memoryStore)
            .AddSingleton<ICampaignFiles>(_files)
            .AddSingleton<IEmailSender>(_email)
            .AddSingleton<TimeProvider>(_time);
        services.AddGoodwillWorkflow(configuration);
        await using var provider = services.BuildServiceProvider();
        var handler = provider.GetRequiredService<ConnectionsUploadHandler>();

        var large = await UploadAsync("large.csv", ConnectionsExport.Of(Enumerable.Range(0, 40).Select(i => new ExportRow("Person", $"Number{i}", $"person-{i}"))));
        var refused = await handler.HandleAsync(large, _durable, Ct);
        var started = await handler.HandleAsync(await UploadAsync("Connections.csv", ConnectionsExport.Of(FirstExport.Take(3))), _durable, Ct);

        Assert.Equal(UploadOutcomeKind.Rejected, refused.Kind);
        Assert.Equal(0, large.Downloads);
        Assert.Equal(UploadOutcomeKind.Started, started.Kind);
        Assert.Equal(
            [Now, Now.AddMinutes(5), Now.AddMinutes(10)],
            (await _memoryStore.GetConnectionsAsync(started.CampaignId!, Ct)).Select(c => c.PlannedAt));
    }

    // Nothing sends prompts here (the durable client is a fake), so a large upload would wait the whole limit for one.
    private ConnectionsUploadHandler Handler(TimeSpan? firstPromptWaitLimit = null) =>
        new(Store, _files, _email, Options.Create(_options), Options.Create(_importOptions), _time, _logger)
        {
            FirstPromptWaitLimit = firstPromptWaitLimit ?? TimeSpan.FromMilliseconds(200),
        };

    private async Task<DownloadCountingBlobClient> UploadAsync(string name, byte[] content, IDictionary<string, string>? metadata = null)
    {
        await new BlobContainerClient(azurite.ConnectionString, _container).CreateIfNotExistsAsync(cancellationToken: Ct);
        var blob = new DownloadCountingBlobClient(azurite.ConnectionString, _container, name);
        await blob.UploadAsync(new BinaryData(content), new BlobUploadOptions { Metadata = metadata }, Ct);
        return blob;
    }
}
