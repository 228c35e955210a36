using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Tokens;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Storage;
using Microsoft.DurableTask.Client;

namespace GoodwillFlow.Workflow.Replies;

/// <summary>One emailed reply, as either channel received it (SendGrid Inbound Parse or the IMAP watcher).</summary>
/// <param name="Recipients">The envelope and header recipients (To, Cc, Delivered-To): <c>reply+{token}@</c> addresses.</param>
/// <param name="References">The <c>In-Reply-To</c> and <c>References</c> Message-IDs.</param>
/// <param name="EnvelopeFrom">The envelope sender, if known.</param>
/// <param name="FromHeader">The From header.</param>
/// <param name="Text">The plain-text body, if any.</param>
/// <param name="Html">The HTML body, if any.</param>
/// <param name="Spf">The receiving server's SPF result (SendGrid's <c>SPF</c> field), if known.</param>
/// <param name="Dkim">The receiving server's DKIM results (SendGrid's <c>dkim</c> field), if known.</param>
public sealed record InboundEmail(
    IReadOnlyList<string?> Recipients,
    IReadOnlyList<string?> References,
    string? EnvelopeFrom,
    string? FromHeader,
    string? Text,
    string? Html,
    string? Spf = null,
    string? Dkim = null);

/// <summary>What became of an emailed reply.</summary>
public enum EmailIntakeStatus
{
    /// <summary>Recorded now.</summary>
    Recorded,

    /// <summary>The same answers were already recorded from email (a retried post, or a message seen again after a restart).</summary>
    AlreadyRecorded,

    /// <summary>Not a reply this app can use; <see cref="EmailIntakeResult.Reason"/> says why.</summary>
    Dropped,
}

/// <summary>The outcome of <see cref="EmailReplyIntake.RecordAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Reason">Why it was dropped (a category with no personal data).</param>
public sealed record EmailIntakeResult(EmailIntakeStatus Status, string? Reason = null);

/// <summary>
/// Matches an emailed reply to its prompt and records it, the same way for every channel: the token comes from a
/// <c>reply+{token}@</c> (or <c>me+{token}@</c>) recipient, a prompt Message-ID in <c>In-Reply-To</c>/<c>References</c>,
/// or a reply-page link in the quoted text; the signed token decides which reply this is; only the campaign owner's
/// address may answer (<see cref="InboundMail.SenderProblem"/>: From names the owner alone, the envelope sender agrees,
/// and SPF and DKIM results, where the channel has them, do not fail); the body is read by <see cref="EmailReplyParser"/>; <see cref="ReplyRecorder"/> stores it.
/// </summary>
public sealed class EmailReplyIntake(ICampaignStore store, ReplyLinks links, ReplyRecorder recorder)
{
    /// <summary>The most people a digest reply is read for (a day's digest holds far fewer).</summary>
    private const int MaxDigestPeople = 50;

    /// <summary>Finds the token, checks the sender, parses and records the answers once.</summary>
    public async Task<EmailIntakeResult> RecordAsync(InboundEmail email, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(durable);
        var candidates = InboundMail.TokensFromAddresses(email.Recipients)
            .Concat(PromptMessageIds.Tokens(email.References))
            .Concat(InboundMail.TokensFromBody([email.Text, email.Html]));
        var check = FindToken(candidates);
        if (check.Status != ReplyTokenStatus.Valid || check.Token is null)
        {
            return Dropped(check.Status == ReplyTokenStatus.Expired ? "expired token" : "no valid token");
        }

        var token = check.Token;
        var campaign = await store.FindCampaignAsync(token.CampaignId, cancellationToken);
        var connection = campaign is null ? null : await store.FindConnectionAsync(token.CampaignId, token.ConnectionId, cancellationToken);
        if (campaign is null || connection is null)
        {
            return Dropped("campaign or connection deleted");
        }

        var senderProblem = InboundMail.SenderProblem(campaign.Settings.OwnerEmail, email.FromHeader, email.EnvelopeFrom, email.Spf, email.Dkim);
        if (senderProblem is not null)
        {
            return Dropped(senderProblem);
        }

        var body = !string.IsNullOrWhiteSpace(email.Text) ? email.Text : InboundMail.HtmlToText(email.Html ?? "");
        if (body.Length > InboundMail.MaxTextLength)
        {
            body = body[..InboundMail.MaxTextLength];
        }

        if (await RecordDigestAsync(token, email, body, durable, cancellationToken) is { } digest)
        {
            return digest;
        }

        var answers = string.IsNullOrWhiteSpace(body) ? null : EmailReplyParser.Parse(body);
        if (answers is null)
        {
            return Dropped("no recognisable answers");
        }

        var earlier = await store.FindReplyAsync(token.CampaignId, token.ConnectionId, cancellationToken);
        if (earlier is { Channel: ReplyChannel.Email } && earlier.Answers == answers)
        {
            return new EmailIntakeResult(EmailIntakeStatus.AlreadyRecorded);
        }

        await recorder.RecordAsync(token.CampaignId, token.ConnectionId, answers, ReplyChannel.Email, durable, cancellationToken);
        return new EmailIntakeResult(EmailIntakeStatus.Recorded);
    }

    /// <summary>
    /// A reply to a digest: the quoted email's reply links name the day's people in order, and "1. Maya Chen" sections
    /// answer several of them. Each section is recorded for its own person; people without one stay open. Null when
    /// the reply is not one (fewer than two people quoted, or no section): it is then read as a single answer.
    /// </summary>
    private async Task<EmailIntakeResult?> RecordDigestAsync(
        ReplyToken first, InboundEmail email, string body, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var people = new List<(string ConnectionId, string Name)>();
        foreach (var candidate in InboundMail.TokensFromBody([email.Text, email.Html]).Take(MaxDigestPeople))
        {
            var check = links.Verify(candidate);
            if (check is { Status: ReplyTokenStatus.Valid, Token: { } token }
                && token.CampaignId == first.CampaignId
                && people.TrueForAll(p => p.ConnectionId != token.ConnectionId)
                && await store.FindConnectionAsync(token.CampaignId, token.ConnectionId, cancellationToken) is { } connection)
            {
                people.Add((token.ConnectionId, connection.Connection.DisplayName));
            }
        }

        var sections = people.Count < 2 ? [] : EmailReplyParser.ParseDigest(body, people.ConvertAll(p => p.Name));
        if (sections.Count == 0)
        {
            return null;
        }

        var recorded = false;
        foreach (var section in sections)
        {
            var connectionId = people[section.Position - 1].ConnectionId;
            var earlier = await store.FindReplyAsync(first.CampaignId, connectionId, cancellationToken);
            if (earlier is { Channel: ReplyChannel.Email } && earlier.Answers == section.Answers)
            {
                continue;
            }

            await recorder.RecordAsync(first.CampaignId, connectionId, section.Answers, ReplyChannel.Email, durable, cancellationToken);
            recorded = true;
        }

        return new EmailIntakeResult(recorded ? EmailIntakeStatus.Recorded : EmailIntakeStatus.AlreadyRecorded);
    }

    private ReplyTokenCheck FindToken(IEnumerable<string> candidates)
    {
        var best = new ReplyTokenCheck(ReplyTokenStatus.Invalid, null);
        foreach (var candidate in candidates.Take(20))
        {
            var check = links.Verify(candidate);
            if (check.Status == ReplyTokenStatus.Valid)
            {
                return check;
            }

            if (check.Status == ReplyTokenStatus.Expired)
            {
                best = check;
            }
        }

        return best;
    }

    private static EmailIntakeResult Dropped(string reason) => new(EmailIntakeStatus.Dropped, reason);
}
