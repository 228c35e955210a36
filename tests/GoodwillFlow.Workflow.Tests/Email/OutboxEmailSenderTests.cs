using System.Globalization;
using System.Text.RegularExpressions;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Email;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GoodwillFlow.Workflow.Tests.Email;

public sealed class OutboxEmailSenderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 11, 30, 5, 250, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "goodwill-outbox-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private OutboxEmailSender Sender(string fromName = "GoodwillFlow") => new(
        Options.Create(new EmailOptions { OutboxPath = _folder, FromAddress = "prompts@goodwill.example", FromName = fromName }),
        _time,
        NullLogger<OutboxEmailSender>.Instance);

    private static EmailMessage Message(string subject = "Wie kennst du Zoë Müller? 🤝", string text = "Line one\nLine two = three\n", string? replyTo = "reply+abc@inbound.example") => new(
        "owner@example.com",
        subject,
        "<p>Wie kennst du <b>Zo&euml;</b>? 🤝</p>",
        text,
        replyTo,
        new Dictionary<string, string> { ["campaign"] = "0123456789abcdef", ["kind"] = "prompt" });

    [Fact]
    public async Task Writes_a_readable_eml_and_an_html_copy()
    {
        var result = await Sender().SendAsync(Message(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, result.Status);
        var eml = Assert.Single(Directory.GetFiles(_folder, "*.eml"));
        Assert.Equal("20261126T113005250Z-prompt-0001.eml", Path.GetFileName(eml));
        Assert.Equal("<p>Wie kennst du <b>Zo&euml;</b>? 🤝</p>", await File.ReadAllTextAsync(Path.ChangeExtension(eml, ".html")));

        var mail = EmlReader.Parse(await File.ReadAllTextAsync(eml));
        Assert.Equal("owner@example.com", mail.Headers["To"]);
        Assert.Equal("GoodwillFlow <prompts@goodwill.example>", mail.Headers["From"]);
        Assert.Equal("reply+abc@inbound.example", mail.Headers["Reply-To"]);
        Assert.Equal("Wie kennst du Zoë Müller? 🤝", mail.Headers["Subject"]);
        Assert.Contains("=?utf-8?b?", mail.RawHeaders["Subject"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Now, DateTimeOffset.ParseExact(mail.Headers["Date"], "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture).AddMilliseconds(250));
        Assert.Equal($"<{result.MessageId}>", mail.Headers["Message-ID"]);
        Assert.EndsWith("@goodwill.example", result.MessageId, StringComparison.Ordinal);
        Assert.Equal("1.0", mail.Headers["MIME-Version"]);
        Assert.StartsWith("multipart/alternative;", mail.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(
            [("text/plain; charset=utf-8", "Line one\r\nLine two = three\r\n"), ("text/html; charset=utf-8", "<p>Wie kennst du <b>Zo&euml;</b>? 🤝</p>")],
            mail.Parts);
    }

    [Fact]
    public async Task Omits_reply_to_when_the_message_has_none()
    {
        await Sender().SendAsync(Message(replyTo: null), CancellationToken.None);

        var mail = EmlReader.Parse(await File.ReadAllTextAsync(Directory.GetFiles(_folder, "*.eml").Single()));
        Assert.False(mail.Headers.ContainsKey("Reply-To"));
    }

    [Fact]
    public async Task Long_non_ASCII_subject_and_body_lines_fold_and_decode_back_exactly()
    {
        var subject = string.Concat(Enumerable.Repeat("Ünïcödé subject with emoji 🎉 ", 8)) + "end";
        var text = string.Concat(Enumerable.Repeat("A long line with = signs, tabs\tand ünïcödé ", 20)) + "   \nshort line with trailing space \n";

        await Sender().SendAsync(Message(subject, text), CancellationToken.None);

        var raw = await File.ReadAllTextAsync(Directory.GetFiles(_folder, "*.eml").Single());
        var mail = EmlReader.Parse(raw);
        Assert.Equal(subject, mail.Headers["Subject"]);
        Assert.Equal(text.Replace("\n", "\r\n", StringComparison.Ordinal), mail.Parts[0].Body);
        Assert.All(raw.Split("\r\n"), line => Assert.True(line.Length <= 78, $"line of {line.Length} characters"));
    }

    [Fact]
    public async Task Line_breaks_in_the_subject_cannot_add_headers()
    {
        await Sender().SendAsync(Message(subject: "Hello\r\nBcc: someone@example.net"), CancellationToken.None);

        var mail = EmlReader.Parse(await File.ReadAllTextAsync(Directory.GetFiles(_folder, "*.eml").Single()));
        Assert.False(mail.Headers.ContainsKey("Bcc"));
        Assert.Equal("Hello Bcc: someone@example.net", mail.Headers["Subject"]);
    }

    [Fact]
    public async Task Non_ASCII_sender_name_is_encoded()
    {
        await Sender(fromName: "Zoë's GoodwillFlow").SendAsync(Message(), CancellationToken.None);

        var mail = EmlReader.Parse(await File.ReadAllTextAsync(Directory.GetFiles(_folder, "*.eml").Single()));
        Assert.Equal("Zoë's GoodwillFlow <prompts@goodwill.example>", mail.Headers["From"]);
    }

    [Fact]
    public async Task Parallel_sends_from_two_writers_in_the_same_millisecond_get_unique_files()
    {
        // Two senders stand for two processes sharing one outbox: their counters both start at 1.
        var senders = new[] { Sender(), Sender() };
        var sends = Enumerable.Range(0, 60)
            .Select(i => Task.Run(() => senders[i % 2].SendAsync(Message(subject: $"Prompt {i}"), CancellationToken.None)))
            .ToList();
        var results = await Task.WhenAll(sends);

        var emls = Directory.GetFiles(_folder, "*.eml");
        Assert.Equal(60, emls.Length);
        Assert.Equal(60, Directory.GetFiles(_folder, "*.html").Length);
        Assert.Equal(60, results.Select(r => r.MessageId).Distinct().Count());
        Assert.All(emls, f => Assert.Matches(new Regex(@"^20261126T113005250Z-prompt-\d{4}\.eml$"), Path.GetFileName(f)));
        var subjects = emls.Select(f => EmlReader.Parse(File.ReadAllText(f)).Headers["Subject"]).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"Prompt {i}").ToHashSet(), subjects);
    }
}
