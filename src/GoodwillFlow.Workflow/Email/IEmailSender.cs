using GoodwillFlow.Core.Email;

namespace GoodwillFlow.Workflow.Email;

/// <summary>The outcome of one send.</summary>
public enum EmailSendStatus
{
    /// <summary>Accepted by the provider.</summary>
    Sent,

    /// <summary>Throttled; try again after <see cref="EmailSendResult.RetryAfter"/>.</summary>
    Throttled,

    /// <summary>A failure that may pass (5xx, network).</summary>
    TransientFailure,

    /// <summary>A failure that will not pass without the owner (bad API key, unverified sender, 4xx).</summary>
    PermanentFailure,
}

/// <summary>The result of sending a message.</summary>
/// <param name="Status">What happened.</param>
/// <param name="MessageId">The provider's message id when sent.</param>
/// <param name="RetryAfter">How long to wait when throttled.</param>
/// <param name="FailureReason">Why it failed, in words for the owner (no personal data).</param>
public sealed record EmailSendResult(
    EmailSendStatus Status,
    string? MessageId = null,
    TimeSpan? RetryAfter = null,
    string? FailureReason = null);

/// <summary>Sends email to the owner (SendGrid in Azure, an outbox folder locally).</summary>
public interface IEmailSender
{
    /// <summary>
    /// Gets a value indicating whether sending the same prompt again delivers it only once (the outbox writes each prompt
    /// once). When true, a prompt left claimed by a crash between the send and its sent mark is sent again safely; when
    /// false (SendGrid, which has no idempotency key) it is never sent again, so it cannot arrive twice.
    /// </summary>
    bool ResendsAreDeduplicated => false;

    /// <summary>Sends one message.</summary>
    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
