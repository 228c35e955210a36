namespace GoodwillFlow.Core.Tokens;

/// <summary>
/// Issues and verifies HMAC-SHA256 reply tokens. Tokens are lowercase base32, at most 56 characters, so that
/// <c>reply+{token}@domain</c> is a valid, case-insensitive email local part as well as a URL path segment.
/// </summary>
public sealed class ReplyTokenService
{
    /// <summary>Creates the service. <paramref name="signingKey"/> signs; every key in <paramref name="acceptedKeys"/> (and the signing key) verifies.</summary>
    public ReplyTokenService(ReplyTokenSigningKey signingKey, IEnumerable<ReplyTokenSigningKey>? acceptedKeys = null)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        _ = acceptedKeys;
        throw new NotImplementedException("Owned by the tokens work package.");
    }

    /// <summary>Issues a token for one connection of one campaign.</summary>
    public string Issue(string campaignId, string connectionId, DateTimeOffset expiresAt) =>
        throw new NotImplementedException();

    /// <summary>Verifies a token in constant time against the accepted keys.</summary>
    public ReplyTokenCheck Verify(string? token, DateTimeOffset now) =>
        throw new NotImplementedException();
}
