using System.Security.Cryptography;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Testing;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Replies;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Not ...Tests.Orchestration: that namespace would capture `Orchestration.DripCampaignOrchestrator` in the upload tests.
namespace GoodwillFlow.Workflow.Tests.DripCampaigns;

/// <summary>A campaign of generated connections over the in-memory store, files and recording sender.</summary>
internal sealed class CampaignFixture
{
    public const string OwnerEmail = "owner@example.test";

    public CampaignFixture(string name, int connectionCount)
    {
        CampaignId = ConnectionId.FromText($"campaign:{name}");
        Connections = Enumerable.Range(0, connectionCount)
            .Select(i =>
            {
                var url = $"https://www.linkedin.com/in/person-{name}-{i}";
                return new Connection(ConnectionId.FromText(url), $"Person{i}", $"Tester{i}", url, null, $"Company {i}", "Engineer", new DateOnly(2019, 3, 14));
            })
            .ToList();
    }

    public string CampaignId { get; }

    public IReadOnlyList<Connection> Connections { get; }

    public InMemoryCampaignStore Store { get; } = new();

    public InMemoryCampaignFiles Files { get; } = new();

    public RecordingEmailSender Sender { get; } = new();

    /// <summary>Stores the campaign with its connections planned by <see cref="DripPlanner"/> from <paramref name="start"/>.</summary>
    /// <summary>Stores the campaign and its schedule; with <paramref name="storedRows"/>, only that many rows, as an upload still storing the rest.</summary>
    public async Task<IReadOnlyList<CampaignConnection>> SeedAsync(
        Cadence cadence, DateTimeOffset start, TimeSpan gracePeriod, DateTimeOffset createdAt, int? storedRows = null)
    {
        await Store.SaveCampaignAsync(
            new CampaignRecord(
                CampaignId,
                new CampaignSettings(OwnerEmail, cadence, OwnerTargets.None, gracePeriod, 50),
                "Connections.csv",
                ["0000"],
                createdAt,
                CampaignState.Running,
                null),
            CancellationToken.None);
        var plan = DripPlanner.Plan(Connections, cadence, start);
        var scheduled = plan.Select(p => new CampaignConnection(Connections.Single(c => c.Id == p.ConnectionId), p.Sequence, p.SendAt)).ToList();
        if (storedRows is { } head)
        {
            await Store.BeginImportAsync(CampaignId, scheduled.Count, CancellationToken.None);
            await Store.AddConnectionsAsync(CampaignId, scheduled.Take(head).ToList(), CancellationToken.None);
            return scheduled;
        }

        await Store.AddConnectionsAsync(CampaignId, scheduled, CancellationToken.None);
        return scheduled;
    }

    /// <summary>Stores a warm reply for a connection, as the reply page would.</summary>
    public Task SaveWarmReplyAsync(Connection connection, DateTimeOffset at) =>
        Store.SaveReplyAsync(
            new RecordedReply(
                CampaignId,
                connection.Id,
                new ReplyAnswers
                {
                    Relationship = RelationshipKind.Boss,
                    HowWeKnow = "She led the payments team I joined in 2019",
                    SharedProject = "the payments migration",
                    Strength = 5,
                    TheirPerception = 5,
                    YourPerception = 5,
                    CouldHelp = HelpKind.Refer | HelpKind.Introduce,
                },
                ReplyChannel.ReplyPage,
                at),
            CancellationToken.None);

    /// <summary>Registers what the activities need, configured the way a host would (configuration sections).</summary>
    public void AddServices(IServiceCollection services, TimeProvider time, int pageSize = 3, int sendAttempts = 3, TimeSpan? tokenLifetime = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{DripCampaignOptions.SectionName}:PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [$"{DripCampaignOptions.SectionName}:SendMaxAttempts"] = sendAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [$"{DripCampaignOptions.SectionName}:SendFirstRetryInterval"] = "00:00:00.050",
                [$"{DripCampaignOptions.SectionName}:SendMaxRetryInterval"] = "00:00:00.200",
                [$"{DripCampaignOptions.SectionName}:StoreFirstRetryInterval"] = "00:00:00.050",
                [$"{ReplyLinkOptions.SectionName}:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                [$"{ReplyLinkOptions.SectionName}:PublicBaseUrl"] = "https://goodwill.example.test",
                [$"{ReplyLinkOptions.SectionName}:TokenLifetime"] = (tokenLifetime ?? TimeSpan.FromDays(90)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                [$"{EmailOptions.SectionName}:InboundDomain"] = "inbound.example.test",
                [$"{EmailOptions.SectionName}:FromAddress"] = "prompts@example.test",
            })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<ReplyLinkOptions>().BindConfiguration(ReplyLinkOptions.SectionName);
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName);
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton<ICampaignStore>(Store);
        services.AddSingleton<ICampaignFiles>(Files);
        services.AddSingleton<IEmailSender>(Sender);
        services.AddSingleton<ReplyLinks>();
        services.AddGoodwillActivities();
    }

    public async Task<IReadOnlyList<CampaignConnection>> StoredAsync() =>
        await Store.GetConnectionsAsync(CampaignId, CancellationToken.None);
}
