using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Evidence;

namespace GoodwillFlow.Workflow.Storage;

/// <summary>Whether a connection's prompt has gone out.</summary>
public enum PromptSendState
{
    /// <summary>Not sent yet.</summary>
    Pending,

    /// <summary>A send is under way (claimed); never sent again by another attempt.</summary>
    Claimed,

    /// <summary>Sent.</summary>
    Sent,
}

/// <summary>A connection inside a campaign, with its place in the schedule and its send mark.</summary>
/// <param name="Connection">The person.</param>
/// <param name="Sequence">Zero-based position in the send order.</param>
/// <param name="PlannedAt">When the prompt is planned to go out.</param>
/// <param name="SendState">Whether the prompt went out.</param>
/// <param name="SentAt">When it went out.</param>
/// <param name="Evidence">What the owner's LinkedIn archive says about them (counts, dates, directions: never message
/// contents), or null when nothing or only Connections.csv was uploaded.</param>
public sealed record CampaignConnection(
    Connection Connection,
    int Sequence,
    DateTimeOffset PlannedAt,
    PromptSendState SendState = PromptSendState.Pending,
    DateTimeOffset? SentAt = null,
    ConnectionEvidence? Evidence = null);
