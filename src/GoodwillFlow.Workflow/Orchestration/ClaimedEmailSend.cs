using GoodwillFlow.Core.Email;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>
/// The send half of every email that goes out at most once (a prompt, a digest, the shortlist): the caller has claimed
/// the send in storage; this composes and sends the message, marks the claim sent when the provider accepts it, and
/// releases the claim otherwise (nothing to send, a refusal, a deferral, an exception) so a retry can claim and send.
/// </summary>
internal static class ClaimedEmailSend
{
    /// <summary>
    /// Claims one prompt's send, or takes over a claim a crash left between its send and its sent mark when the transport
    /// delivers a repeated message once (the outbox): then sending again is how the prompt gets marked, never how it
    /// arrives twice. With any other transport a left claim stays unsent rather than risk a second email.
    /// </summary>
    /// <returns>The connection's row as claimed, or null when there is nothing to send.</returns>
    public static async Task<CampaignConnection?> ClaimPromptAsync(
        ICampaignStore store, IEmailSender sender, string campaignId, string connectionId, CancellationToken cancellationToken) =>
        await store.ClaimSendAsync(campaignId, connectionId, cancellationToken)
        ?? (sender.ResendsAreDeduplicated
            && await store.FindConnectionAsync(campaignId, connectionId, cancellationToken) is { SendState: PromptSendState.Claimed } left
                ? left
                : null);

    /// <summary>Composes, sends, then marks or releases.</summary>
    /// <param name="sender">The transport.</param>
    /// <param name="time">The clock for the sent mark.</param>
    /// <param name="compose">Builds the message; null when there is nothing left to send (the claim is released).</param>
    /// <param name="release">Frees the claim.</param>
    /// <param name="markSent">Marks the claim sent at the given time.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public static async Task<ClaimedSendOutcome> SendAsync(
        IEmailSender sender,
        TimeProvider time,
        Func<CancellationToken, Task<EmailMessage?>> compose,
        Func<CancellationToken, Task> release,
        Func<DateTimeOffset, CancellationToken, Task> markSent,
        CancellationToken cancellationToken)
    {
        EmailSendResult result;
        try
        {
            var message = await compose(cancellationToken);
            if (message is null)
            {
                await release(cancellationToken);
                return new ClaimedSendOutcome(null, null);
            }

            result = await sender.SendAsync(message, cancellationToken);
        }
        catch
        {
            // Senders report the provider's answers as results, so an exception means nothing was accepted: free the claim for the retry.
            await release(CancellationToken.None);
            throw;
        }

        if (result.Status == EmailSendStatus.Sent)
        {
            var sentAt = time.GetUtcNow();
            await markSent(sentAt, cancellationToken);
            return new ClaimedSendOutcome(result, sentAt);
        }

        await release(cancellationToken);
        return new ClaimedSendOutcome(result, null);
    }
}

/// <summary>What a claimed send came to.</summary>
/// <param name="Result">The provider's answer; null when there was nothing to send.</param>
/// <param name="SentAt">When it was marked sent; null unless sent.</param>
internal sealed record ClaimedSendOutcome(EmailSendResult? Result, DateTimeOffset? SentAt)
{
    /// <summary>Gets the provider's answer, or null when nothing was sent.</summary>
    public EmailSendStatus? Status => Result?.Status;

    /// <summary>The provider's reason for a refusal, or <paramref name="fallback"/> when it gave none.</summary>
    public string FailureReasonOr(string fallback) =>
        string.IsNullOrWhiteSpace(Result?.FailureReason) ? fallback : Result.FailureReason;

    /// <summary>The exception that makes the orchestration retry a throttled or transiently failed send.</summary>
    public EmailSendDeferredException Deferred() =>
        new(Result?.Status ?? EmailSendStatus.TransientFailure, Result?.RetryAfter);
}
