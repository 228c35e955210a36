using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Workflow.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace GoodwillFlow.Workflow.Email;

/// <summary>
/// Sends through SendGrid's v3 Mail Send API and maps its answers to <see cref="EmailSendResult"/>: throttling and
/// server errors can be retried, a refused key or an unverified sender cannot (the campaign pauses with the reason).
/// Logs carry the campaign tag and the status only: never an address, a name or the key.
/// </summary>
/// <param name="options">Email settings.</param>
/// <param name="httpClientFactory">Supplies the pooled HTTP client named <see cref="HttpClientName"/>.</param>
/// <param name="timeProvider">The clock, for turning <c>X-RateLimit-Reset</c> into a delay.</param>
/// <param name="logger">The logger.</param>
public sealed partial class SendGridEmailSender(
    IOptions<EmailOptions> options,
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    ILogger<SendGridEmailSender> logger) : IEmailSender
{
    /// <summary>The name of the <see cref="HttpClient"/> the sender asks the factory for.</summary>
    public const string HttpClientName = "SendGrid";

    /// <summary>The wait when SendGrid throttles without saying how long: its rate limits reset each minute.</summary>
    public static readonly TimeSpan DefaultThrottleDelay = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan MinimumThrottleDelay = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        EmailOptionsValidator.ThrowIfSendGridIncomplete(settings);

        var campaign = EmailTags.CampaignOf(message);
        var kind = EmailTags.KindOf(message);
        var clientOptions = new SendGridClientOptions { ApiKey = settings.SendGridApiKey };
        if (!string.IsNullOrWhiteSpace(settings.SendGridHost))
        {
            clientOptions.Host = settings.SendGridHost;
        }

        var http = httpClientFactory.CreateClient(HttpClientName);
        http.Timeout = settings.SendGridTimeout;

        var client = new SendGridClient(http, clientOptions);
        Response response;
        try
        {
            response = await client.SendEmailAsync(BuildMessage(message, settings), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            LogUnreachable(logger, kind, campaign, ex.GetType().Name);
            return new EmailSendResult(
                EmailSendStatus.TransientFailure,
                FailureReason: "SendGrid could not be reached; the send will be retried.");
        }

        return await MapAsync(response, kind, campaign, cancellationToken);
    }

    private static SendGridMessage BuildMessage(EmailMessage message, EmailOptions settings)
    {
        var mail = new SendGridMessage
        {
            From = new EmailAddress(settings.FromAddress, string.IsNullOrWhiteSpace(settings.FromName) ? null : settings.FromName),
            Subject = message.Subject,
            PlainTextContent = message.TextBody,
            HtmlContent = message.HtmlBody,
        };
        mail.AddTo(new EmailAddress(message.To));
        if (!string.IsNullOrWhiteSpace(message.ReplyTo))
        {
            mail.ReplyTo = new EmailAddress(message.ReplyTo);
        }

        var categories = new List<string> { EmailTags.ProductCategory };
        if (message.Tags.TryGetValue(EmailTags.Kind, out var kind) && !string.IsNullOrWhiteSpace(kind) && kind != EmailTags.ProductCategory)
        {
            categories.Add(kind);
        }

        mail.AddCategories(categories);
        if (message.Tags.Count > 0)
        {
            mail.AddGlobalCustomArgs(message.Tags.Where(t => t.Key != EmailTags.ReplyToken).ToDictionary(StringComparer.Ordinal));
        }

        return mail;
    }

    private async Task<EmailSendResult> MapAsync(Response response, string kind, string campaign, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var messageId = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
            LogSent(logger, kind, campaign, status);
            return new EmailSendResult(EmailSendStatus.Sent, MessageId: messageId);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var delay = ThrottleDelay(response.Headers);
            LogThrottled(logger, kind, campaign, delay);
            return new EmailSendResult(
                EmailSendStatus.Throttled,
                RetryAfter: delay,
                FailureReason: "SendGrid is throttling sends; the send will be retried after the rate limit resets.");
        }

        if (status >= 500)
        {
            LogTransient(logger, kind, campaign, status);
            return new EmailSendResult(
                EmailSendStatus.TransientFailure,
                FailureReason: $"SendGrid answered {status} ({response.StatusCode}); the send will be retried.");
        }

        var body = await ReadErrorsAsync(response, cancellationToken);

        // SendGrid answers an unverified sender with 403 today and 400 in older accounts; the body tells it apart from a bad key.
        string reason;
        if ((status is 400 or 403) && body.Any(IsUnverifiedSender))
        {
            reason = $"SendGrid refused the message ({status}): the sender address is not verified in SendGrid. " +
                "Verify the address in Email__FromAddress as a Single Sender (or authenticate its domain) in SendGrid, then resume the campaign.";
        }
        else if (status is 401 or 403)
        {
            reason = $"SendGrid refused the API key ({status}). Check the Email__SendGridApiKey setting: " +
                "the key must exist, be active and have the Mail Send permission; then resume the campaign.";
        }
        else
        {
            var fields = string.Join(", ", body.Select(e => e.Field).OfType<string>().Where(f => f.Length > 0).Distinct(StringComparer.Ordinal));
            reason = $"SendGrid refused the message ({status} {response.StatusCode})" +
                (fields.Length > 0 ? $"; it objected to: {fields}." : ".");
        }

        LogPermanent(logger, kind, campaign, status);
        return new EmailSendResult(EmailSendStatus.PermanentFailure, FailureReason: reason);
    }

    private TimeSpan ThrottleDelay(HttpResponseHeaders headers)
    {
        var now = timeProvider.GetUtcNow();
        if (headers.TryGetValues("X-RateLimit-Reset", out var resets)
            && long.TryParse(resets.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var resetSeconds))
        {
            var delay = DateTimeOffset.FromUnixTimeSeconds(resetSeconds) - now;
            return delay < MinimumThrottleDelay ? MinimumThrottleDelay : delay;
        }

        if (headers.RetryAfter is { } retryAfter)
        {
            var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : DefaultThrottleDelay);
            return delay < MinimumThrottleDelay ? MinimumThrottleDelay : delay;
        }

        return DefaultThrottleDelay;
    }

    private static bool IsUnverifiedSender(SendGridError error) =>
        error.Message is { } message
        && (message.Contains("verified Sender Identity", StringComparison.OrdinalIgnoreCase)
            || (string.Equals(error.Field, "from", StringComparison.OrdinalIgnoreCase)
                && message.Contains("verified", StringComparison.OrdinalIgnoreCase)));

    private static async Task<IReadOnlyList<SendGridError>> ReadErrorsAsync(Response response, CancellationToken cancellationToken)
    {
        if (response.Body is null)
        {
            return [];
        }

        try
        {
            var text = await response.Body.ReadAsStringAsync(cancellationToken);
            using var document = JsonDocument.Parse(text);
            if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return errors.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Object)
                .Select(e => new SendGridError(StringOf(e, "field"), StringOf(e, "message")))
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "SendGrid accepted a {Kind} message for campaign {CampaignId} ({Status})")]
    private static partial void LogSent(ILogger logger, string kind, string campaignId, int status);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "SendGrid throttled a {Kind} message for campaign {CampaignId}; retry after {RetryAfter}")]
    private static partial void LogThrottled(ILogger logger, string kind, string campaignId, TimeSpan retryAfter);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "SendGrid failed a {Kind} message for campaign {CampaignId} with {Status}; it may be retried")]
    private static partial void LogTransient(ILogger logger, string kind, string campaignId, int status);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Error, Message = "SendGrid refused a {Kind} message for campaign {CampaignId} with {Status}; retrying will not help")]
    private static partial void LogPermanent(ILogger logger, string kind, string campaignId, int status);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Warning, Message = "SendGrid could not be reached for a {Kind} message for campaign {CampaignId} ({ErrorType})")]
    private static partial void LogUnreachable(ILogger logger, string kind, string campaignId, string errorType);

    private sealed record SendGridError(string? Field, string? Message);
}
