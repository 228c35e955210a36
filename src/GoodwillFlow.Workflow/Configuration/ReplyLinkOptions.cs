namespace GoodwillFlow.Workflow.Configuration;

/// <summary>Reply link and token settings, bound from the <c>ReplyLinks</c> configuration section.</summary>
public sealed class ReplyLinkOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "ReplyLinks";

    /// <summary>Gets or sets the public base URL of the app (reply page links are <c>{PublicBaseUrl}/api/r/{token}</c>).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Gets or sets the current signing key, base64, at least 32 bytes (a secret: Key Vault in Azure, generated locally).</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Gets or sets the id of <see cref="SigningKey"/> (0 to 255). Default 1.</summary>
    public byte SigningKeyId { get; set; } = 1;

    /// <summary>Gets or sets older keys still accepted, as <c>id:base64;id:base64</c>, for rotation.</summary>
    public string PreviousKeys { get; set; } = "";

    /// <summary>Gets or sets how long a reply link stays valid. Default 90 days.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Gets or sets how long an owner link (the campaign page, <c>/api/c/{token}</c>) stays valid after the campaign's expected
    /// end, or after it is issued when that is later. Default 180 days: every prompt email and the shortlist email carry a
    /// fresh link, so the last one works for about six months after the campaign ends.
    /// </summary>
    public TimeSpan OwnerLinkLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Gets or sets the secret path segment of the Inbound Parse webhook (<c>/api/inbound/{InboundSecret}</c>).</summary>
    public string InboundSecret { get; set; } = "";
}
