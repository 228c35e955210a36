using System.Net.Sockets;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Workflow.Configuration;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Email;

/// <summary>
/// Sends through any SMTP server with MailKit and maps its answers to the results the orchestration already knows:
/// 4xx replies and network trouble are retried (a deferral is <see cref="EmailSendStatus.Throttled"/>), a refused
/// login, sender or recipient pauses the campaign with the reason. Like SendGrid it has no idempotency key, so
/// <see cref="IEmailSender.ResendsAreDeduplicated"/> stays false: a prompt left claimed by a crash is never sent twice.
/// Logs carry the campaign tag and the SMTP status only: never an address, a name or the password.
/// </summary>
/// <param name="options">Email settings.</param>
/// <param name="timeProvider">The clock for the Date header.</param>
/// <param name="logger">The logger.</param>
public sealed partial class SmtpEmailSender(
    IOptions<EmailOptions> options,
    TimeProvider timeProvider,
    ILogger<SmtpEmailSender> logger) : IEmailSender
{
    /// <summary>The implicit-TLS submission port (SMTPS).</summary>
    public const int ImplicitTlsPort = 465;

    /// <summary>The submission port (STARTTLS).</summary>
    public const int SubmissionPort = 587;

    // One connection at a time: a personal mailbox is not a bulk relay, and providers throttle parallel logins.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <inheritdoc />
    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        EmailOptionsValidator.ThrowIfSmtpIncomplete(settings);
        var kind = EmailTags.KindOf(message);
        var campaign = EmailTags.CampaignOf(message);
        var mime = MimeMessageBuilder.Build(message, settings, timeProvider.GetUtcNow());

        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var client = new SmtpClient();
            var accepted = false;
            try
            {
                await settings.SmtpServer().ConnectAsync(client, ImplicitTlsPort, SubmissionPort, cancellationToken);
                await client.SendAsync(MimeMessageBuilder.Format, mime, cancellationToken);
                accepted = true;
                LogSent(logger, kind, campaign);
                await client.DisconnectAsync(quit: true, cancellationToken);
            }
            catch (Exception ex) when (accepted && ex is not OperationCanceledException)
            {
                // The server took the message; a failed QUIT must not turn into a second send.
            }

            return new EmailSendResult(EmailSendStatus.Sent, MessageId: mime.MessageId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SmtpCommandException ex)
        {
            return MapCommandError(ex, settings, kind, campaign);
        }
        catch (AuthenticationException ex)
        {
            LogPermanent(logger, kind, campaign, ex.GetType().Name);
            return new EmailSendResult(
                EmailSendStatus.PermanentFailure,
                FailureReason: "The SMTP server refused the login. Check Email__SmtpUser and the password (Gmail and Outlook need an app password), then resume the campaign.");
        }
        catch (SslHandshakeException ex)
        {
            LogPermanent(logger, kind, campaign, ex.GetType().Name);
            return new EmailSendResult(
                EmailSendStatus.PermanentFailure,
                FailureReason: "The TLS connection to the SMTP server failed: its certificate is not trusted, or Email__SmtpSecurity does not match the port (465 is implicit TLS, 587 is STARTTLS). Fix the setting, then resume the campaign.");
        }
        catch (NotSupportedException ex)
        {
            LogPermanent(logger, kind, campaign, ex.GetType().Name);
            return new EmailSendResult(
                EmailSendStatus.PermanentFailure,
                FailureReason: "The SMTP server does not offer what the settings ask for (STARTTLS or authentication). Check Email__SmtpSecurity and Email__SmtpPort, then resume the campaign.");
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or SmtpProtocolException or ServiceNotConnectedException or OperationCanceledException)
        {
            LogUnreachable(logger, kind, campaign, ex.GetType().Name);
            return new EmailSendResult(
                EmailSendStatus.TransientFailure,
                FailureReason: "The SMTP server could not be reached; the send will be retried.");
        }
        finally
        {
            _gate.Release();
        }
    }

    private EmailSendResult MapCommandError(SmtpCommandException ex, EmailOptions settings, string kind, string campaign)
    {
        var code = (int)ex.StatusCode;

        // Gmail's "daily sending quota exceeded" is a 550 with enhanced code 5.4.5: it passes by tomorrow.
        var quota = ex.Message.Contains("5.4.5", StringComparison.Ordinal) || ex.Message.Contains("quota", StringComparison.OrdinalIgnoreCase);
        if (code is >= 400 and < 500 || quota)
        {
            var delay = quota && code >= 500 ? TimeSpan.FromHours(1) : settings.SmtpThrottleDelay;
            LogDeferred(logger, kind, campaign, code, delay);
            return new EmailSendResult(
                EmailSendStatus.Throttled,
                RetryAfter: delay,
                FailureReason: $"The SMTP server deferred the message ({code}); the send will be retried.");
        }

        var reason = ex.ErrorCode switch
        {
            SmtpErrorCode.SenderNotAccepted =>
                $"The SMTP server refused the sender ({code}): Email__FromAddress must be an address the SMTP account may send as. Fix it, then resume the campaign.",
            SmtpErrorCode.RecipientNotAccepted =>
                $"The SMTP server refused the recipient ({code}): check the owner's email address of the campaign.",
            _ => $"The SMTP server refused the message ({code}). Check the email settings, then resume the campaign.",
        };
        LogPermanent(logger, kind, campaign, code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new EmailSendResult(EmailSendStatus.PermanentFailure, FailureReason: reason);
    }

    [LoggerMessage(EventId = 3221, Level = LogLevel.Information, Message = "The SMTP server accepted a {Kind} message for campaign {CampaignId}")]
    private static partial void LogSent(ILogger logger, string kind, string campaignId);

    [LoggerMessage(EventId = 3222, Level = LogLevel.Warning, Message = "The SMTP server deferred a {Kind} message for campaign {CampaignId} with {Status}; retry after {RetryAfter}")]
    private static partial void LogDeferred(ILogger logger, string kind, string campaignId, int status, TimeSpan retryAfter);

    [LoggerMessage(EventId = 3223, Level = LogLevel.Error, Message = "The SMTP server refused a {Kind} message for campaign {CampaignId} ({Status}); retrying will not help")]
    private static partial void LogPermanent(ILogger logger, string kind, string campaignId, string status);

    [LoggerMessage(EventId = 3224, Level = LogLevel.Warning, Message = "The SMTP server could not be reached for a {Kind} message for campaign {CampaignId} ({ErrorType})")]
    private static partial void LogUnreachable(ILogger logger, string kind, string campaignId, string errorType);
}
