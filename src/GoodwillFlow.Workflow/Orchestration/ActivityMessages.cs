using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>Input of <see cref="LoadCampaignGenerationActivity"/>.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Cursor">The first sequence number of the page to load.</param>
public sealed record LoadGenerationInput(string CampaignId, int Cursor);

/// <summary>A retry policy as plain data, so it can travel through orchestration history.</summary>
/// <param name="MaxAttempts">Attempts in total, at least 1.</param>
/// <param name="FirstRetryInterval">Wait before the second attempt.</param>
/// <param name="BackoffCoefficient">Factor each further wait grows by.</param>
/// <param name="MaxRetryInterval">Longest wait between attempts.</param>
public sealed record RetrySettings(int MaxAttempts, TimeSpan FirstRetryInterval, double BackoffCoefficient, TimeSpan MaxRetryInterval);

/// <summary>One prompt of the schedule page, without any personal data (history holds only ids and times).</summary>
/// <param name="Sequence">Zero-based position in the send order.</param>
/// <param name="ConnectionId">The connection.</param>
/// <param name="PlannedAt">When it is planned to go out.</param>
/// <param name="Sent">Whether the drip is done with it: it already went out, or the owner answered it ahead.</param>
public sealed record ScheduledPrompt(int Sequence, string ConnectionId, DateTimeOffset PlannedAt, bool Sent);

/// <summary>What one generation of the orchestration works on.</summary>
/// <param name="Exists">False when the campaign is gone (deleted); the orchestration then ends.</param>
/// <param name="State">The stored campaign state.</param>
/// <param name="StateReason">The stored reason for that state.</param>
/// <param name="GracePeriod">How long to wait for late replies after the last prompt.</param>
/// <param name="Total">Connections in the campaign.</param>
/// <param name="Sent">Prompts already sent.</param>
/// <param name="Replied">Replies already recorded.</param>
/// <param name="Page">The next scheduled prompts, sequence ≥ the cursor, in order.</param>
/// <param name="IsLastPage">True when no prompt follows this page.</param>
/// <param name="SendRetry">Retry policy for activities that send email.</param>
/// <param name="CatchUpAfter">How late a prompt must be to count as a backlog that is re-planned rather than sent in a burst.</param>
/// <param name="StoreRetry">Retry policy for activities that only touch storage.</param>
/// <param name="Importing">True while the upload's rows are still being stored: a short page is not the last one.</param>
/// <param name="DigestTimeZone">The owner's time zone id when prompts go out as a daily digest; null for one email per prompt.</param>
/// <param name="ReplanDebounce">How long re-plan requests are gathered before one re-plan (null: at once).</param>
public sealed record CampaignGeneration(
    bool Exists,
    CampaignState State,
    string? StateReason,
    TimeSpan GracePeriod,
    int Total,
    int Sent,
    int Replied,
    IReadOnlyList<ScheduledPrompt> Page,
    bool IsLastPage,
    RetrySettings SendRetry,
    RetrySettings StoreRetry,
    TimeSpan CatchUpAfter,
    bool Importing = false,
    string? DigestTimeZone = null,
    TimeSpan? ReplanDebounce = null);

/// <summary>Input of <see cref="SendPromptActivity"/>.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="ConnectionId">The connection the prompt is about.</param>
/// <param name="Sequence">Zero-based position in the send order.</param>
/// <param name="Total">Connections in the campaign (shown as "prompt 3 of 120").</param>
public sealed record SendPromptInput(string CampaignId, string ConnectionId, int Sequence, int Total);

/// <summary>What became of one prompt.</summary>
public enum SendPromptOutcome
{
    /// <summary>Sent now.</summary>
    Sent,

    /// <summary>Already sent (or a send is under way): nothing was sent this time.</summary>
    AlreadySent,

    /// <summary>The connection or campaign is no longer stored: nothing was sent.</summary>
    Missing,

    /// <summary>The provider refused for a reason that will not pass by retrying (bad key, unverified sender).</summary>
    PermanentFailure,
}

/// <summary>Result of <see cref="SendPromptActivity"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="SentAt">When it was sent, for <see cref="SendPromptOutcome.Sent"/>.</param>
/// <param name="FailureReason">Why it failed, in words for the owner, for <see cref="SendPromptOutcome.PermanentFailure"/>.</param>
public sealed record SendPromptResult(SendPromptOutcome Outcome, DateTimeOffset? SentAt = null, string? FailureReason = null);

/// <summary>Input of <see cref="ReplanScheduleActivity"/>.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="FromSequence">The first sequence number to re-plan; earlier prompts keep their times.</param>
/// <param name="NotBefore">The earliest new send time (the orchestration's current time).</param>
public sealed record ReplanInput(string CampaignId, int FromSequence, DateTimeOffset NotBefore);

/// <summary>Result of <see cref="ReplanScheduleActivity"/>.</summary>
/// <param name="Replanned">How many unsent prompts got a new time.</param>
/// <param name="FirstSendAt">The new time of the first of them, if any.</param>
public sealed record ReplanResult(int Replanned, DateTimeOffset? FirstSendAt);

/// <summary>Input of <see cref="SetCampaignStateActivity"/>.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="State">The new state.</param>
/// <param name="Reason">Why, in words for the owner; null to clear.</param>
public sealed record SetCampaignStateInput(string CampaignId, CampaignState State, string? Reason);

/// <summary>Input of <see cref="CompileShortlistActivity"/>.</summary>
/// <param name="CampaignId">The campaign.</param>
public sealed record CompileShortlistInput(string CampaignId);

/// <summary>Result of <see cref="CompileShortlistActivity"/>.</summary>
/// <param name="Entries">Entries in the compiled shortlist.</param>
/// <param name="RepliesConsidered">Replies read.</param>
/// <param name="Emailed">Whether the owner was emailed the shortlist.</param>
/// <param name="EmailFailureReason">Why the email was not sent, when it was not.</param>
public sealed record CompileShortlistResult(int Entries, int RepliesConsidered, bool Emailed, string? EmailFailureReason);

/// <summary>One prompt of a digest, without any personal data.</summary>
/// <param name="ConnectionId">The connection the prompt is about.</param>
/// <param name="Sequence">Zero-based position in the send order.</param>
public sealed record DigestPrompt(string ConnectionId, int Sequence);

/// <summary>Input of <see cref="SendDigestActivity"/>.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Prompts">The day's prompts, in send order.</param>
/// <param name="Total">Connections in the campaign.</param>
public sealed record SendDigestInput(string CampaignId, IReadOnlyList<DigestPrompt> Prompts, int Total);

/// <summary>Result of <see cref="SendDigestActivity"/>.</summary>
/// <param name="Sent">How many prompts went out now (the ones already sent are not sent again).</param>
/// <param name="Outcome">What happened to the email.</param>
/// <param name="SentAt">When it was sent, for <see cref="SendPromptOutcome.Sent"/>.</param>
/// <param name="FailureReason">Why it failed, in words for the owner, for <see cref="SendPromptOutcome.PermanentFailure"/>.</param>
public sealed record SendDigestResult(int Sent, SendPromptOutcome Outcome, DateTimeOffset? SentAt = null, string? FailureReason = null);
