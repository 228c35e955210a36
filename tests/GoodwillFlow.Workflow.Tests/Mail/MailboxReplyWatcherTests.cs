using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Testing.Mail;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Mailbox;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Storage;
using GoodwillFlow.Workflow.Tests.Http;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using static GoodwillFlow.Workflow.Tests.Http.HttpTestHarness;

namespace GoodwillFlow.Workflow.Tests.Mail;

/// <summary>
/// Prompts sent over real SMTP, answered the way mail clients answer, picked up over real IMAP (dovecot) by the
/// watcher and recorded through the same intake as Inbound Parse.
/// </summary>
public sealed class MailboxReplyWatcherTests : IClassFixture<MailServerFixture>, IDisposable
{
    private static readonly Connection Grace = new(
        ConnectionId.FromText("https://www.linkedin.com/in/grace"), "Grace", "Hopper",
        "https://www.linkedin.com/in/grace", null, "Navy", "Rear Admiral", new DateOnly(2018, 1, 9));

    private readonly MailServerFixture _server;
    private readonly InMemoryMailboxCheckpointStore _checkpoints = new();
    private readonly HttpTestHarness _h;

    // Every test has its own campaign, so mail left in the shared inbox by another test is not a reply to it.
    private readonly string _campaignId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16];

    public MailboxReplyWatcherTests(MailServerFixture server)
    {
        _server = server;
        _h = new HttpTestHarness(services =>
        {
            services.AddSingleton<IMailboxCheckpointStore>(_checkpoints);
            services.AddGoodwillMailbox();
            services.PostConfigure<EmailOptions>(o =>
            {
                var smtp = server.Smtp();
                o.InboundDomain = null;
                o.ReplyAddress = "owner+{token}@" + MailServerFixture.Domain;
                o.Provider = EmailProvider.Smtp;
                o.FromAddress = MailServerFixture.OwnerAddress;
                (o.SmtpHost, o.SmtpPort, o.SmtpSecurity, o.SmtpUser, o.SmtpPassword, o.SmtpCertificateThumbprint) =
                    (smtp.Host, smtp.Port, smtp.Security, smtp.User, smtp.Password, smtp.CertificateThumbprint);
            });
            services.PostConfigure<MailboxOptions>(o =>
            {
                var imap = server.Imap(implicitTls: true);
                (o.ImapHost, o.ImapPort, o.ImapSecurity, o.ImapUser, o.ImapPassword, o.ImapCertificateThumbprint) =
                    (imap.Host, imap.Port, imap.Security, imap.User, imap.Password, imap.CertificateThumbprint);
                o.IdleRefresh = TimeSpan.FromSeconds(30);
            });
        });
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Replies_from_mail_clients_are_recorded_once_and_other_mail_is_left_untouched()
    {
        var prompts = await SendPromptsAsync(Ada, Mallory, Grace);

        // A plain-text reply with the quoted prompt, to the reply-to address (token in the address).
        await SendAsync(Reply(prompts[Ada.Id], MailServerFixture.OwnerAddress, "1. peer\n2. We built the billing system together\n4. 4\n\nThanks,\nO.", html: null));

        // An HTML-only reply sent to the plain address: matched by In-Reply-To alone.
        await SendAsync(Reply(prompts[Mallory.Id], MailServerFixture.OwnerAddress, null, html: "<div>1. client</div><div>4. 2</div><blockquote>earlier</blockquote>", toPlainAddress: true));

        // Someone else answering Grace's prompt (forwarded to them, say): must be ignored.
        await SendAsync(Reply(prompts[Grace.Id], MailServerFixture.StrangerAddress, "1. boss", html: null), MailServerFixture.Stranger);

        // The owner's own unrelated mail.
        await SendAsync(Plain(MailServerFixture.OwnerAddress, MailServerFixture.OwnerAddress, "Lunch?", "1. peer"));

        var before = await OwnerMailbox.ReadAsync(_server, atLeast: 0);
        var pass = await Watcher().PollOnceAsync(_h.Durable, CancellationToken.None);

        Assert.Equal(2, pass.Recorded);
        var replies = (await _h.Store.GetRepliesAsync(_campaignId, default)).ToDictionary(r => r.ConnectionId);
        Assert.Equal(RelationshipKind.Peer, replies[Ada.Id].Answers.Relationship);
        Assert.Equal("We built the billing system together", replies[Ada.Id].Answers.HowWeKnow);
        Assert.Equal(4, replies[Ada.Id].Answers.Strength);
        Assert.Equal(RelationshipKind.Client, replies[Mallory.Id].Answers.Relationship);
        Assert.Equal(2, replies[Mallory.Id].Answers.Strength);
        Assert.False(replies.ContainsKey(Grace.Id));
        Assert.All(replies.Values, r => Assert.Equal(ReplyChannel.Email, r.Channel));

        // Only the two recorded replies were marked read; nothing else changed.
        var after = await OwnerMailbox.ReadAsync(_server);
        var seenBefore = before.ToDictionary(m => m.Uid, m => m.Flags.HasFlag(MessageFlags.Seen));
        foreach (var (uid, message, flags) in after)
        {
            var isRecordedReply = message.InReplyTo is { } id && (id == prompts[Ada.Id].MessageId || id == prompts[Mallory.Id].MessageId)
                && message.From.Mailboxes.Single().Address == MailServerFixture.OwnerAddress;
            Assert.Equal(isRecordedReply, flags.HasFlag(MessageFlags.Seen) && !seenBefore[uid]);
        }

        Assert.Equal(before.Count, after.Count);

        // Nothing is recorded twice: a second pass finds nothing new, a restarted watcher neither.
        Assert.Equal(0, (await Watcher().PollOnceAsync(_h.Durable, CancellationToken.None)).Examined);
        Assert.Equal(2, _h.Durable.RaisedEvents.Count(e => e.InstanceId == _campaignId));
    }

    [Fact]
    public async Task A_watcher_killed_between_recording_and_remembering_does_not_record_the_reply_twice()
    {
        var prompts = await SendPromptsAsync(Ada, Mallory);
        await SendAsync(Reply(prompts[Ada.Id], MailServerFixture.OwnerAddress, "1. peer", html: null));
        await SendAsync(Reply(prompts[Mallory.Id], MailServerFixture.OwnerAddress, "1. classmate", html: null));

        // The first reply is stored, then the process dies before it marks the mail or saves its place.
        _h.Durable.RaiseFailure = new OperationCanceledException("killed");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Watcher().PollOnceAsync(_h.Durable, CancellationToken.None));
        var first = Assert.Single(await _h.Store.GetRepliesAsync(_campaignId, default));
        _h.Durable.RaiseFailure = null;
        _h.Clock.Advance(TimeSpan.FromMinutes(5));

        var pass = await Watcher().PollOnceAsync(_h.Durable, CancellationToken.None);

        Assert.Equal(1, pass.Recorded);
        var replies = (await _h.Store.GetRepliesAsync(_campaignId, default)).ToDictionary(r => r.ConnectionId);
        Assert.Equal(2, replies.Count);
        Assert.Equal(first.ReceivedAt, replies[first.ConnectionId].ReceivedAt);
        Assert.Single(_h.Durable.RaisedEvents, e => e.InstanceId == _campaignId);
        var inbox = await OwnerMailbox.ReadAsync(_server);
        Assert.All(inbox.Where(m => m.Message.InReplyTo is { } id && prompts.Values.Any(p => p.MessageId == id)), m => Assert.True(m.Flags.HasFlag(MessageFlags.Seen)));
    }

    [Fact]
    public async Task The_idle_watcher_records_a_reply_that_arrives_while_it_waits_and_moves_it_to_a_folder()
    {
        var prompts = await SendPromptsAsync(Ada);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var folder = "Goodwill-" + _campaignId[..6];
        _h.Services.GetRequiredService<IOptions<MailboxOptions>>().Value.MoveToFolder = folder;
        var watching = Watcher().WatchAsync(_h.Durable, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));

        await SendAsync(Reply(prompts[Ada.Id], MailServerFixture.OwnerAddress, "1. met once", html: null));

        while (!stop.IsCancellationRequested && (await _h.Store.GetRepliesAsync(_campaignId, default)).Count == 0)
        {
            await Task.Delay(100);
        }

        var reply = Assert.Single(await _h.Store.GetRepliesAsync(_campaignId, default));
        Assert.Equal(RelationshipKind.MetOnce, reply.Answers.Relationship);

        // Recorded first, then moved: wait for the move.
        IReadOnlyList<(UniqueId Uid, MimeMessage Message, MessageFlags Flags)> moved = [];
        while (!stop.IsCancellationRequested && moved.Count == 0)
        {
            moved = await OwnerMailbox.ReadAsync(_server, folder: folder);
        }

        await stop.CancelAsync();
        await watching;
        var inFolder = Assert.Single(moved);
        Assert.Equal(prompts[Ada.Id].MessageId, inFolder.Message.InReplyTo);
        Assert.True(inFolder.Flags.HasFlag(MessageFlags.Seen));
        Assert.DoesNotContain(await OwnerMailbox.ReadAsync(_server), m => m.Message.InReplyTo == prompts[Ada.Id].MessageId);
    }

    private MailboxReplyWatcher Watcher() =>
        _h.Services.CreateScope().ServiceProvider.GetRequiredService<MailboxReplyWatcher>();

    private async Task<Dictionary<string, MimeMessage>> SendPromptsAsync(params Connection[] people)
    {
        var campaign = Campaign(_campaignId) with { Settings = Campaign().Settings with { OwnerEmail = MailServerFixture.OwnerAddress } };
        await _h.Store.SaveCampaignAsync(campaign, default);
        await _h.Store.AddConnectionsAsync(_campaignId, [.. people.Select((p, i) => new CampaignConnection(p, i, Start))], default);
        _h.Durable.SetInstance(_campaignId, Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running);
        var sender = new SmtpEmailSender(_h.Services.GetRequiredService<IOptions<EmailOptions>>(), _h.Clock, NullLogger<SmtpEmailSender>.Instance);
        var activity = new SendPromptActivity(_h.Store, sender, _h.Links, _h.Clock, NullLogger<SendPromptActivity>.Instance);
        var sentIds = new Dictionary<string, string>();
        for (var i = 0; i < people.Length; i++)
        {
            var result = await activity.RunAsync(new SendPromptInput(_campaignId, people[i].Id, i, people.Length), default);
            Assert.Equal(SendPromptOutcome.Sent, result.Outcome);
        }

        var inbox = await OwnerMailbox.ReadAsync(_server);
        return people.ToDictionary(
            p => p.Id,
            p => inbox.Select(m => m.Message).Last(m => m.Headers[MimeMessageBuilder.TagsHeader]?.Contains(_campaignId, StringComparison.Ordinal) == true
                && m.Subject!.Contains(p.FirstName, StringComparison.Ordinal)));
    }

    /// <summary>A reply as a mail client writes it: Re: subject, In-Reply-To and References, the prompt quoted below.</summary>
    private static MimeMessage Reply(MimeMessage prompt, string from, string? text, string? html, bool toPlainAddress = false)
    {
        var reply = new MimeMessage();
        reply.From.Add(MailboxAddress.Parse(from));
        reply.To.Add(toPlainAddress ? MailboxAddress.Parse(MailServerFixture.OwnerAddress) : prompt.ReplyTo.Mailboxes.Single());
        reply.Subject = "Re: " + prompt.Subject;
        reply.InReplyTo = prompt.MessageId!;
        reply.References.Add(prompt.MessageId!);
        var quoted = string.Join('\n', prompt.TextBody!.ReplaceLineEndings("\n").Split('\n').Select(l => "> " + l));
        var body = new BodyBuilder();
        if (text is not null)
        {
            body.TextBody = $"{text}\n\nOn Mon, 2 Mar 2026 at 10:00, GoodwillFlow <{MailServerFixture.OwnerAddress}> wrote:\n{quoted}\n";
        }

        if (html is not null)
        {
            body.HtmlBody = $"<html><body>{html}<div class=\"gmail_quote\"><blockquote>{System.Net.WebUtility.HtmlEncode(prompt.TextBody)}</blockquote></div></body></html>";
        }

        reply.Body = body.ToMessageBody();
        return reply;
    }

    private static MimeMessage Plain(string from, string to, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private async Task SendAsync(MimeMessage message, string user = MailServerFixture.Owner)
    {
        using var client = new SmtpClient();
        await _server.Smtp(user).ConnectAsync(client, 465, 587, CancellationToken.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }
}
