using GoodwillFlow.Workflow.Email;

namespace GoodwillFlow.Workflow.Mailbox;

/// <summary>The IMAP reply watcher's settings, bound from the <c>Mailbox</c> configuration section.</summary>
public sealed class MailboxOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Mailbox";

    /// <summary>Gets a value indicating whether the watcher runs (an IMAP host is set).</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ImapHost);

    /// <summary>Gets or sets the IMAP host (e.g. <c>imap.gmail.com</c>); empty turns the watcher off.</summary>
    public string? ImapHost { get; set; }

    /// <summary>Gets or sets the IMAP port; 0 (the default) means 993 for implicit TLS, 143 otherwise.</summary>
    public int ImapPort { get; set; }

    /// <summary>Gets or sets the TLS mode. Default <see cref="MailSecurity.Auto"/> (implicit TLS on 993, STARTTLS elsewhere).</summary>
    public MailSecurity ImapSecurity { get; set; } = MailSecurity.Auto;

    /// <summary>Gets or sets the IMAP login (usually the owner's address).</summary>
    public string? ImapUser { get; set; }

    /// <summary>Gets or sets the IMAP password (a secret: an app password; <c>GOODWILL_IMAP_PASSWORD</c> locally, Key Vault in Azure).</summary>
    public string? ImapPassword { get; set; }

    /// <summary>Gets or sets the timeout of each IMAP operation. Default 1 minute.</summary>
    public TimeSpan ImapTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the thumbprint of a self-signed IMAP server certificate to trust; empty to require a trusted one.</summary>
    public string? ImapCertificateThumbprint { get; set; }

    /// <summary>Gets or sets the folder watched for replies. Default <c>INBOX</c>.</summary>
    public string Folder { get; set; } = "INBOX";

    /// <summary>
    /// Gets or sets the folder recorded replies are moved to (created if missing); empty (the default) marks them read
    /// and leaves them where they are.
    /// </summary>
    public string? MoveToFolder { get; set; }

    /// <summary>Gets or sets how often to look for new mail when the server has no IDLE. Default 1 minute.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long one IDLE lasts before it is renewed (servers drop idle clients after ~30 min). Default 9 minutes.</summary>
    public TimeSpan IdleRefresh { get; set; } = TimeSpan.FromMinutes(9);

    /// <summary>Gets or sets how far back the first pass looks (before any UID is remembered). Default 14 days.</summary>
    public TimeSpan FirstLookBack { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Gets or sets the largest message read; bigger ones are left alone. Default 2 MB.</summary>
    public long MaxMessageBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Gets the IMAP server settings.</summary>
    public MailServer Server() =>
        new(ImapHost ?? "", ImapPort, ImapSecurity, ImapUser, ImapPassword, ImapTimeout, ImapCertificateThumbprint);
}
