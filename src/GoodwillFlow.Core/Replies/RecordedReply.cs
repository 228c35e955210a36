namespace GoodwillFlow.Core.Replies;

/// <summary>Where a reply came from.</summary>
public enum ReplyChannel
{
    /// <summary>The reply page (a signed link from the prompt email).</summary>
    ReplyPage,

    /// <summary>A reply to the prompt email, received through SendGrid Inbound Parse.</summary>
    Email,
}

/// <summary>A reply as stored: the answers and where and when they arrived. A later reply replaces an earlier one.</summary>
public sealed record RecordedReply(
    string CampaignId,
    string ConnectionId,
    ReplyAnswers Answers,
    ReplyChannel Channel,
    DateTimeOffset ReceivedAt);
