namespace GoodwillFlow.Workflow.Configuration;

/// <summary>Which email transport to use.</summary>
public enum EmailProvider
{
    /// <summary>Write each message to <see cref="EmailOptions.OutboxPath"/> (.eml and .html). The local default.</summary>
    Outbox,

    /// <summary>Send through SendGrid's v3 Mail Send API.</summary>
    SendGrid,

    /// <summary>Send through any SMTP server (Gmail, Outlook, Fastmail, a relay) with MailKit.</summary>
    Smtp,
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

    /// <summary>
    /// Gets or sets how long one SendGrid request may take before it counts as failed and is retried. Default 30 s
    /// (the SDK itself has none of its own: it uses the HTTP client's 100 s, during which the send activity blocks).
    /// </summary>
    public TimeSpan SendGridTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the verified sender address.</summary>
    public string FromAddress { get; set; } = "";

    /// <summary>Gets or sets the sender display name. Default "GoodwillFlow".</summary>
    public string FromName { get; set; } = "GoodwillFlow";

    /// <summary>
    /// Gets or sets the domain (or subdomain) whose MX points at SendGrid Inbound Parse. When set, prompts carry
    /// <c>reply+{token}@{InboundDomain}</c> as reply-to; when empty, replying by email is not offered.
    /// </summary>
    public string? InboundDomain { get; set; }

    /// <summary>
    /// Gets or sets the reply-to address of prompts when <see cref="InboundDomain"/> is empty: the mailbox the IMAP
    /// watcher reads. <c>{token}</c> in it is replaced with the prompt's reply token (plus addressing, e.g.
    /// <c>me+{token}@gmail.com</c>); without it replies are matched by <c>In-Reply-To</c> and the quoted link.
    /// </summary>
    public string? ReplyAddress { get; set; }

    /// <summary>Gets or sets the SMTP host for <see cref="EmailProvider.Smtp"/> (e.g. <c>smtp.gmail.com</c>).</summary>
    public string? SmtpHost { get; set; }

    /// <summary>Gets or sets the SMTP port; 0 (the default) means 465 for implicit TLS, 587 otherwise.</summary>
    public int SmtpPort { get; set; }

    /// <summary>Gets or sets the TLS mode. Default <see cref="Email.MailSecurity.Auto"/> (implicit TLS on 465, STARTTLS elsewhere).</summary>
    public Email.MailSecurity SmtpSecurity { get; set; } = Email.MailSecurity.Auto;

    /// <summary>Gets or sets the SMTP login (usually the full address); empty for a relay without authentication.</summary>
    public string? SmtpUser { get; set; }

    /// <summary>Gets or sets the SMTP password (a secret: an app password; <c>GOODWILL_SMTP_PASSWORD</c> locally, Key Vault in Azure).</summary>
    public string? SmtpPassword { get; set; }

    /// <summary>Gets or sets the timeout of each SMTP operation. Default 1 minute.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the thumbprint of a self-signed SMTP server certificate to trust; empty to require a trusted one.</summary>
    public string? SmtpCertificateThumbprint { get; set; }

    /// <summary>Gets or sets how long to wait when the SMTP server defers a send without saying (4xx). Default 1 minute.</summary>
    public TimeSpan SmtpThrottleDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets the SMTP server settings.</summary>
    public Email.MailServer SmtpServer() =>
        new(SmtpHost ?? "", SmtpPort, SmtpSecurity, SmtpUser, SmtpPassword, SmtpTimeout, SmtpCertificateThumbprint);

    /// <summary>Gets or sets the outbox folder for <see cref="EmailProvider.Outbox"/>. Default <c>.goodwill/outbox</c>.</summary>
    public string OutboxPath { get; set; } = ".goodwill/outbox";
}
