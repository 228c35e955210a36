using System.Collections.Concurrent;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Workflow.Email;

namespace GoodwillFlow.Testing;

/// <summary>An <see cref="IEmailSender"/> that records messages and answers with a scripted result.</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    private int _count;

    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    /// <summary>Gets or sets the result to answer with; default "sent".</summary>
    public Func<EmailMessage, EmailSendResult> Respond { get; set; } =
        _ => new EmailSendResult(EmailSendStatus.Sent);

    public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var result = Respond(message);
        if (result.Status == EmailSendStatus.Sent)
        {
            Sent.Enqueue(message);
            result = result with { MessageId = result.MessageId ?? $"test-{Interlocked.Increment(ref _count)}" };
        }

        return Task.FromResult(result);
    }
}
