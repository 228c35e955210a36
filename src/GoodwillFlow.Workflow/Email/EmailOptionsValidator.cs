using GoodwillFlow.Workflow.Configuration;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Email;

/// <summary>
/// Checks that the chosen email provider has what it needs, naming the missing app settings, so a misconfigured
/// deployment fails on its first send with a message the owner can act on.
/// </summary>
public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = Problem(options);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    /// <summary>Throws when SendGrid is chosen but its settings are incomplete.</summary>
    /// <exception cref="InvalidOperationException">A required setting is missing; the message names it.</exception>
    public static void ThrowIfSendGridIncomplete(EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (SendGridProblem(options) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    private static string? Problem(EmailOptions options)
    {
        switch (options.Provider)
        {
            case EmailProvider.SendGrid:
                return SendGridProblem(options);
            case EmailProvider.Outbox:
                return string.IsNullOrWhiteSpace(options.OutboxPath)
                    ? "Email__Provider is Outbox, but Email__OutboxPath is empty: set the folder the messages should be written to."
                    : null;
            case EmailProvider.Smtp:
                return SmtpProblem(options);
            default:
                return $"Email__Provider '{options.Provider}' is not known: use SendGrid, Smtp or Outbox.";
        }
    }

    /// <summary>Throws when SMTP is chosen but its settings are incomplete.</summary>
    /// <exception cref="InvalidOperationException">A required setting is missing; the message names it.</exception>
    public static void ThrowIfSmtpIncomplete(EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (SmtpProblem(options) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    private static string? SmtpProblem(EmailOptions options)
    {
        if (options.SmtpServer().Problem("Email__Smtp") is { } problem)
        {
            return "Email__Provider is Smtp, but " + problem;
        }

        return string.IsNullOrWhiteSpace(options.FromAddress)
            ? "Email__Provider is Smtp, but Email__FromAddress is not set: set the address the prompts are sent from (usually the SMTP user)."
            : null;
    }

    private static string? SendGridProblem(EmailOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SendGridHost) && !Uri.TryCreate(options.SendGridHost, UriKind.Absolute, out _))
        {
            return "Email__SendGridHost must be an absolute URL such as https://api.sendgrid.com.";
        }

        if (options.SendGridTimeout <= TimeSpan.Zero)
        {
            return "Email__SendGridTimeout must be a positive time span such as 00:00:30.";
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SendGridApiKey))
        {
            missing.Add("Email__SendGridApiKey");
        }

        if (string.IsNullOrWhiteSpace(options.FromAddress))
        {
            missing.Add("Email__FromAddress");
        }

        return missing.Count == 0
            ? null
            : $"Email__Provider is SendGrid, but {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not set. " +
              "Set them in the app settings (the API key from Key Vault or user secrets), or set Email__Provider to Outbox.";
    }
}
