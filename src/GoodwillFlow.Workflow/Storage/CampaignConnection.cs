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

    /// <summary>
    /// The owner answered it before it went out (working ahead): never sent, and done as far as the drip is concerned.
    /// Set only from <see cref="Pending"/>, by a conditional update, so it and a send claim exclude each other.
    /// </summary>
    AnsweredAhead,
}

/// <summary>A connection inside a campaign, with its place in the schedule and its send mark.</summary>
/// <param name="Connection">The person.</param>
/// <param name="Sequence">Zero-based position in the send order.</param>
/// <param name="PlannedAt">When the prompt is planned to go out.</param>
/// <param name="SendState">Whether the prompt went out.</param>
/// <param name="SentAt">When it went out.</param>
/// <param name="Replied">Whether a reply has been counted for it (the mark the store keeps on the row).</param>
/// <param name="Evidence">What the owner's LinkedIn archive says about them (counts, dates, directions: never message
/// contents), or null when nothing or only Connections.csv was uploaded.</param>
public sealed record CampaignConnection(
    Connection Connection,
    int Sequence,
    DateTimeOffset PlannedAt,
    PromptSendState SendState = PromptSendState.Pending,
    DateTimeOffset? SentAt = null,
    bool Replied = false,
    ConnectionEvidence? Evidence = null)
{
    /// <summary>Gets whether the drip has nothing left to do for it: sent, or answered ahead of the schedule.</summary>
    public bool IsDone => SendState is PromptSendState.Sent or PromptSendState.AnsweredAhead;
}
