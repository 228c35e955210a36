using System.CommandLine;
using System.Text;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Mailbox;

namespace GoodwillFlow.Cli.Commands;

/// <summary>
/// <c>--smtp-*</c> and <c>--imap-*</c>: send prompts through the owner's own mailbox and pick replies up from it.
/// Passwords are never options (they would land in the shell history): they come from <c>GOODWILL_SMTP_PASSWORD</c> /
/// <c>GOODWILL_IMAP_PASSWORD</c> (or <c>Email__SmtpPassword</c> / <c>Mailbox__ImapPassword</c>), or a hidden prompt.
/// </summary>
internal sealed class MailServerOptions
{
    /// <summary>The environment variable holding the SMTP password.</summary>
    public const string SmtpPasswordVariable = "GOODWILL_SMTP_PASSWORD";

    /// <summary>The environment variable holding the IMAP password (defaults to the SMTP one for the same login).</summary>
    public const string ImapPasswordVariable = "GOODWILL_IMAP_PASSWORD";

    private readonly Option<string?> _smtpHost = new("--smtp-host") { Description = "Send prompts through this SMTP server (e.g. smtp.gmail.com) instead of the outbox folder.", HelpName = "host" };
    private readonly Option<int?> _smtpPort = new("--smtp-port") { Description = "SMTP port (default 587 with STARTTLS; 465 means implicit TLS).", HelpName = "port" };
    private readonly Option<string?> _smtpSecurity = new("--smtp-security") { Description = "Auto, StartTls, ImplicitTls, or None (127.0.0.1 only).", HelpName = "mode" };
    private readonly Option<string?> _smtpUser = new("--smtp-user") { Description = "SMTP login, usually your address. Password: GOODWILL_SMTP_PASSWORD or a prompt.", HelpName = "user" };
    private readonly Option<string?> _from = new("--from") { Description = "The address prompts come from (default: the SMTP user).", HelpName = "address" };
    private readonly Option<string?> _imapHost = new("--imap-host") { Description = "Pick emailed replies up from this IMAP server (e.g. imap.gmail.com).", HelpName = "host" };
    private readonly Option<int?> _imapPort = new("--imap-port") { Description = "IMAP port (default 993, implicit TLS).", HelpName = "port" };
    private readonly Option<string?> _imapSecurity = new("--imap-security") { Description = "Auto, StartTls, ImplicitTls, or None (127.0.0.1 only).", HelpName = "mode" };
    private readonly Option<string?> _imapUser = new("--imap-user") { Description = "IMAP login (default: the SMTP user). Password: GOODWILL_IMAP_PASSWORD, else GOODWILL_SMTP_PASSWORD, or a prompt.", HelpName = "user" };
    private readonly Option<string?> _imapFolder = new("--imap-folder") { Description = "The folder to watch for replies (default INBOX; a label such as GoodwillFlow works with a filter).", HelpName = "folder" };
    private readonly Option<string?> _imapMoveTo = new("--imap-move-to") { Description = "Move recorded replies to this folder (default: mark them read and leave them).", HelpName = "folder" };
    private readonly Option<string?> _replyAddress = new("--reply-address") { Description = "Reply-to address of prompts, {token} filled in, e.g. you+{token}@gmail.com (default: the IMAP user).", HelpName = "address" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _smtpHost, _smtpPort, _smtpSecurity, _smtpUser, _from, _imapHost, _imapPort, _imapSecurity, _imapUser, _imapFolder, _imapMoveTo, _replyAddress })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// Returns the configuration keys for the given options, with passwords read from the environment or a hidden
    /// prompt; null (and a message on <paramref name="error"/>) when a password is needed and cannot be had.
    /// </summary>
    public async Task<Dictionary<string, string?>?> ToSettingsAsync(ParseResult parseResult, TextWriter error, TextWriter output)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var smtpHost = parseResult.GetValue(_smtpHost);
        var smtpUser = parseResult.GetValue(_smtpUser);
        string? smtpPassword = null;
        if (!string.IsNullOrWhiteSpace(smtpHost))
        {
            settings[$"{EmailOptions.SectionName}:{nameof(EmailOptions.Provider)}"] = nameof(EmailProvider.Smtp);
            settings[$"{EmailOptions.SectionName}:{nameof(EmailOptions.SmtpHost)}"] = smtpHost.Trim();
            Set(settings, $"{EmailOptions.SectionName}:{nameof(EmailOptions.SmtpPort)}", parseResult.GetValue(_smtpPort)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set(settings, $"{EmailOptions.SectionName}:{nameof(EmailOptions.SmtpSecurity)}", parseResult.GetValue(_smtpSecurity));
            Set(settings, $"{EmailOptions.SectionName}:{nameof(EmailOptions.SmtpUser)}", smtpUser);
            Set(settings, $"{EmailOptions.SectionName}:{nameof(EmailOptions.FromAddress)}", parseResult.GetValue(_from) ?? smtpUser);
            if (!string.IsNullOrWhiteSpace(smtpUser))
            {
                smtpPassword = Environment.GetEnvironmentVariable(SmtpPasswordVariable) ?? Environment.GetEnvironmentVariable("Email__SmtpPassword")
                    ?? await PromptAsync($"SMTP password for {smtpUser}", output);
                if (smtpPassword is null)
                {
                    await error.WriteLineAsync($"goodwill: --smtp-user needs a password: set {SmtpPasswordVariable} (an app password for Gmail or Outlook), or run in a terminal to be asked.");
                    return null;
                }

                settings[$"{EmailOptions.SectionName}:{nameof(EmailOptions.SmtpPassword)}"] = smtpPassword;
            }
        }

        var imapHost = parseResult.GetValue(_imapHost);
        if (!string.IsNullOrWhiteSpace(imapHost))
        {
            var imapUser = parseResult.GetValue(_imapUser) ?? smtpUser;
            settings[$"{MailboxOptions.SectionName}:{nameof(MailboxOptions.ImapHost)}"] = imapHost.Trim();
            Set(settings, $"{MailboxOptions.SectionName}:{nameof(MailboxOptions.ImapPort)}", parseResult.GetValue(_imapPort)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set(settings, $"{MailboxOptions.SectionName}:{nameof(MailboxOptions.ImapSecurity)}", parseResult.GetValue(_imapSecurity));
            Set(settings, $"{MailboxOptions.SectionName}:{nameof(MailboxOptions.ImapUser)}", imapUser);
            Set(settings, $"{MailboxOptions.SectionName}:{nameof(MailboxOptions.Folder)}", parseResult.GetValue(_imapFolder));
            Set(settings, $"{MailboxOptions.SectionName}:{nameof(MailboxOptions.MoveToFolder)}", parseResult.GetValue(_imapMoveTo));
            if (!string.IsNullOrWhiteSpace(imapUser))
            {
                var imapPassword = Environment.GetEnvironmentVariable(ImapPasswordVariable) ?? Environment.GetEnvironmentVariable("Mailbox__ImapPassword")
                    ?? (string.Equals(imapUser, smtpUser, StringComparison.OrdinalIgnoreCase) ? smtpPassword : null)
                    ?? await PromptAsync($"IMAP password for {imapUser}", output);
                if (imapPassword is null)
                {
                    await error.WriteLineAsync($"goodwill: --imap-host needs a password: set {ImapPasswordVariable} (an app password for Gmail or Outlook), or run in a terminal to be asked.");
                    return null;
                }

                settings[$"{MailboxOptions.SectionName}:{nameof(MailboxOptions.ImapPassword)}"] = imapPassword;
                Set(settings, $"{EmailOptions.SectionName}:{nameof(EmailOptions.ReplyAddress)}", parseResult.GetValue(_replyAddress) ?? (imapUser.Contains('@', StringComparison.Ordinal) ? imapUser : null));
            }
        }

        return settings;
    }

    private static void Set(Dictionary<string, string?> settings, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            settings[key] = value.Trim();
        }
    }

    /// <summary>Asks for a secret without echoing it; null when there is no terminal to ask on.</summary>
    private static async Task<string?> PromptAsync(string prompt, TextWriter output)
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        await output.WriteAsync(prompt + ": ");
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                secret.Length = Math.Max(0, secret.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }

        await output.WriteLineAsync();
        return secret.Length == 0 ? null : secret.ToString();
    }
}
