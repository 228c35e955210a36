using GoodwillFlow.Core.Planning;

namespace GoodwillFlow.Workflow.Storage;

/// <summary>The lifecycle of a campaign.</summary>
public enum CampaignState
{
    /// <summary>Prompts are being sent on schedule.</summary>
    Running,

    /// <summary>Paused by the owner or by a permanent email failure (see <see cref="CampaignRecord.StateReason"/>).</summary>
    Paused,

    /// <summary>All prompts sent; waiting the grace period for late replies.</summary>
    AwaitingReplies,

    /// <summary>Stopped by the owner before the end; the shortlist was compiled from the replies so far.</summary>
    Stopped,

    /// <summary>Finished; the shortlist was compiled and emailed.</summary>
    Completed,
}

/// <summary>The owner's settings for one campaign.</summary>
/// <param name="OwnerEmail">Where prompts and the shortlist go; the only sender accepted for email replies.</param>
/// <param name="Cadence">When prompts are sent.</param>
/// <param name="Targets">Target companies and roles.</param>
/// <param name="GracePeriod">How long to wait for late replies after the last prompt.</param>
/// <param name="ShortlistSize">The most entries in the shortlist.</param>
public sealed record CampaignSettings(
    string OwnerEmail,
    Cadence Cadence,
    OwnerTargets Targets,
    TimeSpan GracePeriod,
    int ShortlistSize);

/// <summary>A campaign as stored.</summary>
/// <param name="CampaignId">16 lowercase hex characters; also the orchestration instance id.</param>
/// <param name="Settings">The owner's settings.</param>
/// <param name="SourceName">The uploaded blob's name (shown to the owner; never logged).</param>
/// <param name="ContentHashes">SHA-256 (hex) of every upload imported into this campaign, so a repeated event imports nothing.</param>
/// <param name="CreatedAt">When the campaign was created.</param>
/// <param name="State">Where it is in its lifecycle.</param>
/// <param name="StateReason">Why it is paused or stopped, in words for the owner; null otherwise.</param>
/// <param name="OwnerLinkNonce">The nonce every valid owner link carries; changing it revokes every earlier link.</param>
public sealed record CampaignRecord(
    string CampaignId,
    CampaignSettings Settings,
    string SourceName,
    IReadOnlyList<string> ContentHashes,
    DateTimeOffset CreatedAt,
    CampaignState State,
    string? StateReason,
    uint OwnerLinkNonce = 0);
