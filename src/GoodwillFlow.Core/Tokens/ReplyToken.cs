namespace GoodwillFlow.Core.Tokens;

/// <summary>What a verified reply token carries.</summary>
/// <param name="CampaignId">The campaign (16 lowercase hex characters).</param>
/// <param name="ConnectionId">The connection (16 lowercase hex characters).</param>
/// <param name="ExpiresAt">When the token stops being accepted.</param>
public sealed record ReplyToken(string CampaignId, string ConnectionId, DateTimeOffset ExpiresAt);

/// <summary>The result of checking a token.</summary>
public enum ReplyTokenStatus
{
    /// <summary>Signature good and not expired.</summary>
    Valid,

    /// <summary>Signature good but expired.</summary>
    Expired,

    /// <summary>Malformed, unknown key id, or a signature that does not match.</summary>
    Invalid,
}

/// <summary>A token check: the status, and the payload when the signature was good.</summary>
public sealed record ReplyTokenCheck(ReplyTokenStatus Status, ReplyToken? Token);
