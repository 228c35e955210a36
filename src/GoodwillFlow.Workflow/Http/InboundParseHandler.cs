using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Replies;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Http;

/// <summary>
/// <c>POST /api/inbound/{secret}</c>: replies to prompt emails, posted by SendGrid Inbound Parse as multipart/form-data.
/// </summary>
/// <remarks>
/// <para>
/// The secret path segment is compared in constant time with <see cref="ReplyLinkOptions.InboundSecret"/>; a wrong or
/// unset secret gets 404 and a log line with no details. Past that, the post is from SendGrid, which retries anything
/// but 2xx: so mail the handler decides to drop (no valid token, a sender other than the campaign's owner, no
/// recognisable answers, too large) is answered 200 with a short reason, and only the reason's category is logged.
/// </para>
/// <para>
/// The token comes from a <c>reply+{token}@</c> recipient (envelope first, then the To and Cc headers) or, failing that,
/// from a reply-page link in the body (the quoted prompt carries one). The signed token decides which reply this is;
/// the sender check (<see cref="InboundMail.SenderProblem"/>: a From header naming the owner alone, the envelope sender
/// agreeing, and SendGrid's SPF and DKIM results not failing) keeps other people who were copied on the thread, and
/// anyone forging the owner's address in From alone, from answering for the owner.
/// </para>
/// </remarks>
public sealed class InboundParseHandler(
    EmailReplyIntake intake,
    IOptions<ReplyLinkOptions> linkOptions,
    IOptions<HttpHandlerOptions> options,
    ILogger<InboundParseHandler> logger)
{
    /// <summary>SendGrid posts about a dozen fields, plus one per attachment.</summary>
    private const int MaxFields = 256;

    /// <summary>Checks the secret, finds the reply's token, checks the sender, parses the answers and records them.</summary>
    public async Task<IResult> PostAsync(HttpRequest request, string secret, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        if (!SecretMatches(secret, linkOptions.Value.InboundSecret))
        {
            HttpLog.InboundSecretMismatch(logger);
            return BodyResult.Text(StatusCodes.Status404NotFound, "Not found.");
        }

        var limit = options.Value.MaxInboundBytes;
        if (request.ContentLength > limit)
        {
            return Drop("too large");
        }

        RequestLimits.CapBody(request, limit);

        if (!request.HasFormContentType)
        {
            return Drop("not a form post");
        }

        var (form, problem) = await ReadFormAsync(request, limit, cancellationToken);
        switch (problem)
        {
            case FormBodyProblem.None:
                break;
            case FormBodyProblem.UnsupportedCharset:
                // SendGrid posts multipart/form-data; a form in a charset this server does not read is a client error.
                HttpLog.InboundDropped(logger, "unsupported charset");
                return BodyResult.Text(StatusCodes.Status415UnsupportedMediaType, "Unsupported charset: send UTF-8.");
            default:
                return Drop("unreadable or too large");
        }

        try
        {
            return await HandleAsync(form!, durable, cancellationToken);
        }
        catch (RegexMatchTimeoutException)
        {
            return Drop("unparseable");
        }
    }

    /// <summary>
    /// Reads the post, decoding each multipart field in the charset SendGrid's <c>charsets</c> field names for it (a reply
    /// written in ISO-8859-1 or Windows-1252 arrives in that charset), else its part's own charset, else UTF-8.
    /// </summary>
    private static async Task<(IFormCollection? Form, FormBodyProblem Problem)> ReadFormAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (!request.ContentType!.Contains("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return await FormBody.ReadUrlEncodedAsync(request, limit, MaxFields, cancellationToken);
        }

        var (parts, problem) = await FormBody.ReadMultipartAsync(request, limit, MaxFields, cancellationToken);
        if (parts is null)
        {
            return (null, problem);
        }

        var charsetsPart = parts.FirstOrDefault(p => p.Name.Equals("charsets", StringComparison.OrdinalIgnoreCase));
        var charsets = InboundMail.ParseCharsets(charsetsPart is null ? null : Encoding.UTF8.GetString(charsetsPart.Bytes));
        return (FormBody.Decode(parts, p => charsets.GetValueOrDefault(p.Name) ?? p.Charset), FormBodyProblem.None);
    }

    private async Task<IResult> HandleAsync(IFormCollection form, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (envelopeTo, envelopeFrom) = InboundMail.ParseEnvelope(form["envelope"].FirstOrDefault());
        var email = new InboundEmail(
            [.. envelopeTo, .. form["to"], .. form["cc"]],
            [],
            envelopeFrom,
            form["from"].FirstOrDefault(),
            form["text"].FirstOrDefault(),
            form["html"].FirstOrDefault(),
            form["SPF"].FirstOrDefault(),
            form["dkim"].FirstOrDefault());
        var result = await intake.RecordAsync(email, durable, cancellationToken);
        return result.Status == EmailIntakeStatus.Dropped
            ? Drop(result.Reason ?? "dropped")
            : BodyResult.Text(StatusCodes.Status200OK, "Recorded.");
    }

    /// <summary>Compares in constant time; hashing first makes the time independent of the lengths too.</summary>
    private static bool SecretMatches(string? given, string expected)
    {
        if (string.IsNullOrEmpty(expected))
        {
            // An unset secret turns the webhook off rather than accepting everything.
            return false;
        }

        var a = SHA256.HashData(Encoding.UTF8.GetBytes(given ?? ""));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    private BodyResult Drop(string reason)
    {
        HttpLog.InboundDropped(logger, reason);
        return BodyResult.Text(StatusCodes.Status200OK, $"Dropped: {reason}.");
    }
}
