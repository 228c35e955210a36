using GoodwillFlow.Core.Email;
using GoodwillFlow.Testing.Mail;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Email;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace GoodwillFlow.Workflow.Tests.Mail;

/// <summary>The SMTP sender against a real SMTP server on 127.0.0.1 (smtp-server, delivering to dovecot).</summary>
public sealed class SmtpEmailSenderTests(MailServerFixture server) : IClassFixture<MailServerFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private SmtpEmailSender Sender(MailServer smtp, string? thumbprint = "pinned") => new(
        Options.Create(new EmailOptions
        {
            Provider = EmailProvider.Smtp,
            FromAddress = MailServerFixture.OwnerAddress,
            FromName = "GoodwillFlow",
            SmtpHost = smtp.Host,
            SmtpPort = smtp.Port,
            SmtpSecurity = smtp.Security,
            SmtpUser = smtp.User,
            SmtpPassword = smtp.Password,
            SmtpTimeout = TimeSpan.FromSeconds(10),
            SmtpCertificateThumbprint = thumbprint == "pinned" ? server.Thumbprint : thumbprint,
            SmtpThrottleDelay = TimeSpan.FromSeconds(42),
        }),
        new FakeTimeProvider(Now),
        NullLogger<SmtpEmailSender>.Instance);

    private static EmailMessage Prompt(string subject, string to = "owner@goodwill.test") => new EmailMessage(
        to,
        subject,
        "<p>How do you know <b>Zoë</b>?</p>",
        "How do you know Zoë?\n1. peer",
        "owner+abcdefghijk@goodwill.test",
        new Dictionary<string, string> { ["campaign"] = "0123456789abcdef", ["kind"] = "prompt", ["sequence"] = "3" })
        .WithReplyToken("abcdefghijklmnop");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Delivers_a_prompt_as_multipart_alternative_with_reply_to_and_a_message_id_carrying_the_token(bool implicitTls)
    {
        var subject = $"Goodwill 3/9: Zoë Müller {Guid.NewGuid():N}";

        var result = await Sender(server.Smtp(implicitTls: implicitTls)).SendAsync(Prompt(subject), CancellationToken.None);

        Assert.True(result.Status == EmailSendStatus.Sent, result.FailureReason);
        var inbox = await OwnerMailbox.ReadAsync(server);
        var received = Assert.Single(inbox, m => m.Message.Subject == subject).Message;
        Assert.Equal(result.MessageId, received.MessageId);
        Assert.Equal(["abcdefghijklmnop"], PromptMessageIds.Tokens([received.MessageId]));
        Assert.Equal("owner+abcdefghijk@goodwill.test", received.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("GoodwillFlow", received.From.Mailboxes.Single().Name);
        var alternative = Assert.IsType<MultipartAlternative>(received.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("How do you know Zoë?\n1. peer", received.TextBody!.ReplaceLineEndings("\n").TrimEnd());
        Assert.DoesNotContain("abcdefghijklmnop", received.Headers[MimeMessageBuilder.TagsHeader]);
    }

    [Fact]
    public async Task A_refused_login_pauses_the_campaign_with_a_reason_naming_the_password()
    {
        var result = await Sender(server.Smtp(password: "wrong")).SendAsync(Prompt("x"), CancellationToken.None);

        Assert.Equal(EmailSendStatus.PermanentFailure, result.Status);
        Assert.Contains("refused the login", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("app password", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deferral_4xx_is_throttled_and_retried_later()
    {
        var result = await Sender(server.Smtp()).SendAsync(Prompt("x", to: "busy@goodwill.test"), CancellationToken.None);

        Assert.Equal(EmailSendStatus.Throttled, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(42), result.RetryAfter);
    }

    [Fact]
    public async Task An_unknown_recipient_is_a_permanent_failure()
    {
        var result = await Sender(server.Smtp()).SendAsync(Prompt("x", to: "nobody@goodwill.test"), CancellationToken.None);

        Assert.Equal(EmailSendStatus.PermanentFailure, result.Status);
        Assert.Contains("refused the recipient", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused_unless_pinned()
    {
        var result = await Sender(server.Smtp(), thumbprint: null).SendAsync(Prompt("x"), CancellationToken.None);

        Assert.Equal(EmailSendStatus.PermanentFailure, result.Status);
        Assert.Contains("certificate", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_a_transient_failure()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await Sender(server.Smtp() with { Port = port }).SendAsync(Prompt("x"), CancellationToken.None);

        Assert.Equal(EmailSendStatus.TransientFailure, result.Status);
    }

    [Fact]
    public async Task The_outbox_writes_the_same_mime_the_smtp_server_receives()
    {
        var folder = Path.Combine(Path.GetTempPath(), "goodwill-outbox-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var subject = $"Outbox twin {Guid.NewGuid():N}";
            var settings = new EmailOptions { FromAddress = MailServerFixture.OwnerAddress, FromName = "GoodwillFlow", OutboxPath = folder };
            var outbox = new OutboxEmailSender(Options.Create(settings), new FakeTimeProvider(Now), NullLogger<OutboxEmailSender>.Instance);
            await outbox.SendAsync(Prompt(subject), CancellationToken.None);
            await Sender(server.Smtp()).SendAsync(Prompt(subject), CancellationToken.None);

            var written = MimeMessage.Load(Directory.GetFiles(folder, "*.eml").Single());
            var received = Assert.Single(await OwnerMailbox.ReadAsync(server), m => m.Message.Subject == subject).Message;
            foreach (var header in new[] { "From", "To", "Reply-To", "Subject", "Date", "MIME-Version", MimeMessageBuilder.TagsHeader })
            {
                Assert.Equal(written.Headers[header], received.Headers[header]);
            }

            Assert.Equal(written.TextBody, received.TextBody);
            Assert.Equal(written.HtmlBody, received.HtmlBody);
            Assert.Equal(PromptMessageIds.Tokens([written.MessageId]), PromptMessageIds.Tokens([received.MessageId]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
