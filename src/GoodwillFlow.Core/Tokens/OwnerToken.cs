namespace GoodwillFlow.Core.Tokens;

/// <summary>What a verified owner token carries: the campaign page of one campaign, for whoever holds the link.</summary>
/// <param name="CampaignId">The campaign (16 lowercase hex characters).</param>
/// <param name="Nonce">The campaign's link nonce when the token was issued; a token whose nonce is no longer the campaign's is revoked.</param>
/// <param name="ExpiresAt">When the token stops being accepted.</param>
public sealed record OwnerToken(string CampaignId, uint Nonce, DateTimeOffset ExpiresAt);

/// <summary>An owner token check: the status (<see cref="ReplyTokenStatus"/>, shared with reply tokens), and the payload when the signature was good.</summary>
/// <param name="Status">Valid, expired or invalid.</param>
/// <param name="Token">The payload, when the signature was good.</param>
public sealed record OwnerTokenCheck(ReplyTokenStatus Status, OwnerToken? Token);
