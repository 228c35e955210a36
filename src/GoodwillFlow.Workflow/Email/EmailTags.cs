using GoodwillFlow.Core.Email;

namespace GoodwillFlow.Workflow.Email;

/// <summary>The tag keys the senders read from <see cref="EmailMessage.Tags"/> (which carry no personal data).</summary>
public static class EmailTags
{
    /// <summary>The campaign id tag (as the Core composers write it).</summary>
    public const string CampaignId = "campaign";

    /// <summary>The message kind tag (for example <c>prompt</c>, <c>shortlist</c>, <c>rejected</c>).</summary>
    public const string Kind = "kind";

    /// <summary>
    /// The prompt's signed reply token, set by the activity that sends it: it becomes part of the Message-ID so replies
    /// are matched by <c>In-Reply-To</c>. Never sent as a SendGrid custom arg or written to the tags header.
    /// </summary>
    public const string ReplyToken = "reply-token";

    /// <summary>The SendGrid category every GoodwillFlow message carries.</summary>
    public const string ProductCategory = "goodwillflow";

    /// <summary>Gets the campaign tag, or "-" when the message has none (kept in logs instead of anything personal).</summary>
    public static string CampaignOf(EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Tags.TryGetValue(CampaignId, out var id) && id.Length > 0 ? id
            : message.Tags.TryGetValue("campaignId", out var alt) && alt.Length > 0 ? alt
            : "-";
    }

    /// <summary>Gets the kind tag, or "message" when the message has none.</summary>
    public static string KindOf(EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Tags.TryGetValue(Kind, out var kind) && kind.Length > 0 ? kind : "message";
    }

    /// <summary>Returns <paramref name="message"/> tagged with its reply token, so its Message-ID carries it.</summary>
    public static EmailMessage WithReplyToken(this EmailMessage message, string token)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message with { Tags = new Dictionary<string, string>(message.Tags, StringComparer.Ordinal) { [ReplyToken] = token } };
    }
}
