namespace GoodwillFlow.Workflow.Configuration;

/// <summary>Which email transport to use.</summary>
public enum EmailProvider
{
    /// <summary>Write each message to <see cref="EmailOptions.OutboxPath"/> (.eml and .html). The local default.</summary>
    Outbox,

    /// <summary>Send through SendGrid's v3 Mail Send API.</summary>
    SendGrid,
}

/// <summary>Email settings, bound from the <c>Email</c> configuration section.</summary>
public sealed class EmailOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Email";

    /// <summary>Gets or sets the transport. Default <see cref="EmailProvider.Outbox"/>.</summary>
    public EmailProvider Provider { get; set; } = EmailProvider.Outbox;

    /// <summary>Gets or sets the SendGrid API key (a secret: from Key Vault or user secrets, never committed).</summary>
    public string? SendGridApiKey { get; set; }

    /// <summary>Gets or sets the SendGrid API host; tests point it at a local fake. Default the public API.</summary>
    public string? SendGridHost { get; set; }

    /// <summary>Gets or sets the verified sender address.</summary>
    public string FromAddress { get; set; } = "";

    /// <summary>Gets or sets the sender display name. Default "GoodwillFlow".</summary>
    public string FromName { get; set; } = "GoodwillFlow";

    /// <summary>
    /// Gets or sets the domain (or subdomain) whose MX points at SendGrid Inbound Parse. When set, prompts carry
    /// <c>reply+{token}@{InboundDomain}</c> as reply-to; when empty, replying by email is not offered.
    /// </summary>
    public string? InboundDomain { get; set; }

    /// <summary>Gets or sets the outbox folder for <see cref="EmailProvider.Outbox"/>. Default <c>.goodwill/outbox</c>.</summary>
    public string OutboxPath { get; set; } = ".goodwill/outbox";
}
