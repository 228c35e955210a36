using GoodwillFlow.Core.Tokens;
using GoodwillFlow.Workflow.Configuration;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Replies;

/// <summary>Issues and reads the signed reply links and reply-to addresses of prompt emails.</summary>
public sealed class ReplyLinks
{
    /// <summary>The route of the reply page, relative to the app root; <c>{token}</c> is the signed token.</summary>
    public const string ReplyPageRoute = "api/r/{token}";

    /// <summary>The route of the owner's campaign page, relative to the app root; <c>{token}</c> is the signed owner token.</summary>
    public const string OwnerPageRoute = "api/c/{token}";

    private readonly ReplyLinkOptions _links;
    private readonly EmailOptions _email;
    private readonly TimeProvider _time;

    /// <summary>Creates the link builder from configuration.</summary>
    /// <exception cref="InvalidOperationException">The signing key is missing or too short; the message names the setting.</exception>
    public ReplyLinks(IOptions<ReplyLinkOptions> links, IOptions<EmailOptions> email, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(email);
        _links = links.Value;
        _email = email.Value;
        _time = time;
        var signingKey = new ReplyTokenSigningKey(_links.SigningKeyId, DecodeKey(_links.SigningKey, $"{ReplyLinkOptions.SectionName}:SigningKey"));
        var previousKeys = ParsePreviousKeys(_links.PreviousKeys).ToList();
        Tokens = new ReplyTokenService(signingKey, previousKeys);
        OwnerTokens = new OwnerTokenService(signingKey, previousKeys);
    }

    /// <summary>Gets the owner-token service, over the same keys as <see cref="Tokens"/> but a purpose of its own.</summary>
    public OwnerTokenService OwnerTokens { get; }

    /// <summary>
    /// Issues an owner token for the campaign page, carrying the campaign's current link nonce, valid for
    /// <see cref="ReplyLinkOptions.OwnerLinkLifetime"/> after <paramref name="expectedEnd"/> (or after now, when later).
    /// </summary>
    public string IssueOwnerToken(Storage.CampaignRecord campaign, DateTimeOffset? expectedEnd = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var now = _time.GetUtcNow();
        var from = expectedEnd is { } end && end > now ? end : now;
        return OwnerTokens.Issue(campaign.CampaignId, campaign.OwnerLinkNonce, from + _links.OwnerLinkLifetime);
    }

    /// <summary>Returns the campaign page URL for an owner token.</summary>
    public Uri OwnerPageUrl(string ownerToken) =>
        new($"{_links.PublicBaseUrl.TrimEnd('/')}/{OwnerPageRoute.Replace("{token}", ownerToken, StringComparison.Ordinal)}");

    /// <summary>Returns a fresh campaign page URL for <paramref name="campaign"/> (what emails carry as "Your campaign").</summary>
    public Uri OwnerPageUrl(Storage.CampaignRecord campaign) => OwnerPageUrl(IssueOwnerToken(campaign));

    /// <summary>Verifies an owner token's signature and expiry now (its nonce is checked against the campaign by the caller).</summary>
    public OwnerTokenCheck VerifyOwner(string? token) => OwnerTokens.Verify(token, _time.GetUtcNow());

    /// <summary>Gets the token service configured with the current and previous keys.</summary>
    public ReplyTokenService Tokens { get; }

    /// <summary>Issues a token valid for the configured lifetime.</summary>
    public string IssueToken(string campaignId, string connectionId) =>
        Tokens.Issue(campaignId, connectionId, _time.GetUtcNow() + _links.TokenLifetime);

    /// <summary>Returns the reply page URL for a token.</summary>
    public Uri PageUrl(string token) =>
        new($"{_links.PublicBaseUrl.TrimEnd('/')}/{ReplyPageRoute.Replace("{token}", token, StringComparison.Ordinal)}");

    /// <summary>
    /// Returns <c>reply+{token}@{InboundDomain}</c> (SendGrid Inbound Parse), else the mailbox the IMAP watcher reads
    /// (<see cref="EmailOptions.ReplyAddress"/>, <c>{token}</c> filled in), or null when reply-by-email is not configured.
    /// </summary>
    public string? ReplyToAddress(string token) =>
        !string.IsNullOrWhiteSpace(_email.InboundDomain) ? $"reply+{token}@{_email.InboundDomain.Trim()}"
        : !string.IsNullOrWhiteSpace(_email.ReplyAddress) ? _email.ReplyAddress.Trim().Replace("{token}", token, StringComparison.Ordinal)
        : null;

    /// <summary>Verifies a token now.</summary>
    public ReplyTokenCheck Verify(string? token) => Tokens.Verify(token, _time.GetUtcNow());

    private static byte[] DecodeKey(string base64, string settingName)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64 ?? "");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The setting {settingName} is not valid base64. Set it to at least 32 random bytes, base64-encoded.");
        }

        return key.Length >= 32
            ? key
            : throw new InvalidOperationException($"The setting {settingName} must hold at least 32 random bytes, base64-encoded (it has {key.Length}).");
    }

    private static IEnumerable<ReplyTokenSigningKey> ParsePreviousKeys(string value)
    {
        foreach (var part in (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':', 2);
            if (pieces.Length != 2 || !byte.TryParse(pieces[0], out var id))
            {
                throw new InvalidOperationException($"The setting {ReplyLinkOptions.SectionName}:PreviousKeys must look like 'id:base64;id:base64'.");
            }

            yield return new ReplyTokenSigningKey(id, DecodeKey(pieces[1], $"{ReplyLinkOptions.SectionName}:PreviousKeys"));
        }
    }
}
