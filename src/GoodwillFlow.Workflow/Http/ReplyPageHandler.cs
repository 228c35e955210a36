using System.Globalization;
using GoodwillFlow.Core.Prompts;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.ReplyPage;
using GoodwillFlow.Core.Tokens;
using GoodwillFlow.Workflow.Replies;
using GoodwillFlow.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GoodwillFlow.Workflow.Http;

/// <summary>
/// The reply page behind the signed links of prompt emails: <c>GET /api/r/{token}</c> shows the form,
/// <c>POST /api/r/{token}</c> records the answers.
/// </summary>
/// <remarks>
/// <para>A GET never records anything: mail scanners and link previews follow every link in a message.</para>
/// <para>
/// Cross-site request forgery: the signed token in the path already authorises exactly one reply, about one
/// connection, of one campaign, and only its holder (the owner, who received it by email) can name it. A forged
/// post would have to carry that token, so it could only submit what the token holder could submit anyway. The POST
/// accepts only <c>application/x-www-form-urlencoded</c> (what the form sends), which also turns away cross-site
/// JSON posts; that is enough, and no anti-forgery cookie is needed (the page sets no cookies at all).
/// </para>
/// <para>Every problem is a friendly page with a 4xx status: never a stack trace, an exception message or token details.</para>
/// </remarks>
public sealed class ReplyPageHandler(
    ICampaignStore store,
    ReplyLinks links,
    ReplyRecorder recorder,
    WorkAhead.WorkAheadService workAhead,
    IOptions<HttpHandlerOptions> options,
    TimeProvider time,
    ILogger<ReplyPageHandler> logger)
{
    private const string FormMediaType = "application/x-www-form-urlencoded";

    /// <summary>The page has nine fields; a few more leave room for several ticked help options.</summary>
    private const int MaxFields = 64;

    /// <summary>Shows the form, pre-filled from <c>?choice=</c> or from the reply already recorded. Records nothing.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = await ResolveAsync(token, cancellationToken);
        if (target.Problem is not null)
        {
            return target.Problem;
        }

        var existing = await store.FindReplyAsync(target.Campaign!.CampaignId, target.Connection!.Connection.Id, cancellationToken);
        var prefill = Merge(existing?.Answers, OneClickChoice.ToAnswers(request.Query[OneClickChoice.QueryParameter].FirstOrDefault()));
        var prompt = BuildPrompt(target);
        var earlier = (await recorder.GetHistoryAsync(target.Campaign.CampaignId, target.Connection.Connection.Id, cancellationToken)).Count;
        var ahead = ReadWorkAhead(request, target.Campaign);
        return BodyResult.Page(StatusCodes.Status200OK, WithWorkAhead(request, ahead, ReplyPageRenderer.RenderForm(prompt, prefill, PostUrl(request, ahead), errors: null, earlier)));
    }

    /// <summary>
    /// Validates and records the answers (idempotent: a second post replaces the first), raises the reply event and
    /// shows the thank-you page. Invalid answers bring the form back with specific messages and everything typed kept.
    /// </summary>
    public async Task<IResult> PostAsync(HttpRequest request, string token, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        if (!IsFormPost(request))
        {
            HttpLog.ReplyFormRefused(logger, "not a form post");
            return Problem(
                StatusCodes.Status415UnsupportedMediaType,
                "This page only accepts its own form",
                "Open the link from your email and use the Save button on the page.");
        }

        var target = await ResolveAsync(token, cancellationToken);
        if (target.Problem is not null)
        {
            return target.Problem;
        }

        var limit = options.Value.MaxReplyFormBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge();
        }

        RequestLimits.CapBody(request, limit);
        var (form, problem) = await FormBody.ReadUrlEncodedAsync(request, limit, MaxFields, cancellationToken);
        switch (problem)
        {
            case FormBodyProblem.None:
                break;
            case FormBodyProblem.UnsupportedCharset:
                HttpLog.ReplyFormRefused(logger, "unsupported charset");
                return Problem(
                    StatusCodes.Status415UnsupportedMediaType,
                    "Your browser sent the answers in a way this page cannot read",
                    "Nothing was saved. Open the link from your email in an up-to-date browser and save again.");
            case FormBodyProblem.Malformed:
                HttpLog.ReplyFormRefused(logger, "malformed form");
                return Problem(
                    StatusCodes.Status400BadRequest,
                    "The answers arrived damaged",
                    "Nothing was saved. Go back, check your answers and save again.");
            default:
                HttpLog.ReplyFormRefused(logger, "too large");
                return TooLarge();
        }

        if (IsTrue(form![ReplyPageRenderer.Fields.Undo]))
        {
            return await UndoAsync(request, target, durable, cancellationToken);
        }

        var reply = ReplyFormReader.Read(form);
        var campaignId = target.Campaign!.CampaignId;
        var ahead = ReadWorkAhead(request, target.Campaign);
        if (!reply.IsValid)
        {
            HttpLog.ReplyFormInvalid(logger, campaignId, reply.Errors.Count);
            var page = ReplyPageRenderer.RenderForm(BuildPrompt(target), reply.Answers, PostUrl(request, ahead), reply.Errors);
            return BodyResult.Page(StatusCodes.Status400BadRequest, WithWorkAhead(request, ahead, page));
        }

        var connection = target.Connection!.Connection;
        await recorder.RecordAsync(campaignId, connection.Id, reply.Answers, ReplyChannel.ReplyPage, durable, cancellationToken);
        if (ahead is not null)
        {
            return await ContinueWorkAheadAsync(request, campaignId, ahead, cancellationToken);
        }

        var earlier = (await recorder.GetHistoryAsync(campaignId, connection.Id, cancellationToken)).Count;
        return BodyResult.Page(StatusCodes.Status200OK, ReplyPageRenderer.RenderThanks(connection.DisplayName, earlier, PostUrl(request)));
    }

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) =>
        string.Equals(value.FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Brings the previous answer back (the answer it replaces is kept, so this can be undone too).</summary>
    private async Task<IResult> UndoAsync(HttpRequest request, ReplyTarget target, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var connection = target.Connection!.Connection;
        var restored = await recorder.UndoLastEditAsync(target.Campaign!.CampaignId, connection.Id, durable, cancellationToken);
        return restored is null
            ? Problem(
                StatusCodes.Status409Conflict,
                "There is no earlier answer to bring back",
                "This answer has not been changed since it was first saved, so there is nothing to undo. Nothing was changed.")
            : BodyResult.Page(StatusCodes.Status200OK, ReplyPageRenderer.RenderRestored(connection.DisplayName, PostUrl(request)));
    }

    private static bool IsFormPost(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
        && mediaType.MediaType.Equals(FormMediaType, StringComparison.OrdinalIgnoreCase);

    private static ReplyAnswers? Merge(ReplyAnswers? existing, ReplyAnswers? choice)
    {
        if (choice is null)
        {
            return existing;
        }

        if (existing is null)
        {
            return choice;
        }

        // The link the owner clicked says what they mean now; the rest of their earlier answers stay.
        return choice.Skip
            ? existing with { Skip = true }
            : existing with { Skip = false, Relationship = choice.Relationship };
    }

    private static string PostUrl(HttpRequest request, WorkAheadStep? ahead = null) =>
        (request.PathBase + request.Path).ToUriComponent()
        + (ahead is null ? "" : string.Create(CultureInfo.InvariantCulture, $"?ahead={ahead.OwnerToken}&step={ahead.Step}&of={ahead.Of}"));

    /// <summary>
    /// Reads the "work ahead" continuation (<c>?ahead={owner token}&amp;step=&amp;of=</c>) the campaign page starts: honoured
    /// only with a valid, unrevoked owner token of this same campaign; anything else is ignored and the page is the plain one.
    /// </summary>
    private WorkAheadStep? ReadWorkAhead(HttpRequest request, CampaignRecord campaign)
    {
        var ownerToken = request.Query["ahead"].FirstOrDefault();
        if (ownerToken is null
            || !int.TryParse(request.Query["step"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            || !int.TryParse(request.Query["of"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var of)
            || step < 1 || step > of || of > Core.OwnerPage.CampaignPageRenderer.WorkAheadCount)
        {
            return null;
        }

        var check = links.VerifyOwner(ownerToken);
        return check is { Status: ReplyTokenStatus.Valid, Token: { } owner }
            && owner.CampaignId == campaign.CampaignId && owner.Nonce == campaign.OwnerLinkNonce
            ? new WorkAheadStep(ownerToken.ToLowerInvariant(), step, of)
            : null;
    }

    private static string WithWorkAhead(HttpRequest request, WorkAheadStep? ahead, string page) =>
        ahead is null ? page : ReplyPageRenderer.WithWorkAhead(page, ahead.Step, ahead.Of, OwnerPageHandler.PagePath(request, ahead.OwnerToken));

    /// <summary>After a save while working ahead: on to the next prompt not yet sent or answered, or back to the campaign page.</summary>
    private async Task<IResult> ContinueWorkAheadAsync(HttpRequest request, string campaignId, WorkAheadStep ahead, CancellationToken cancellationToken)
    {
        if (ahead.Step < ahead.Of && (await workAhead.NextAsync(campaignId, 1, cancellationToken)) is [var next, ..])
        {
            return BodyResult.SeeOther(OwnerPageHandler.WorkAheadUrl(request, links.IssueToken(campaignId, next.ConnectionId), ahead.OwnerToken, ahead.Step + 1, ahead.Of));
        }

        return BodyResult.SeeOther($"{OwnerPageHandler.PagePath(request, ahead.OwnerToken)}?{OwnerPageHandler.DoneParameter}=ahead");
    }

    private static BodyResult Problem(int statusCode, string title, string message) =>
        BodyResult.Page(statusCode, ReplyPageRenderer.RenderProblem(title, message));

    private static BodyResult TooLarge() => Problem(
        StatusCodes.Status413PayloadTooLarge,
        "That was more than this page can take",
        string.Create(
            CultureInfo.InvariantCulture,
            $"Each answer can be up to {ReplyPageRenderer.MaxTextLength:N0} characters. Go back, shorten the longest one, and save again."));

    private ReflectionPrompt BuildPrompt(ReplyTarget target)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, OwnerTimeZone(target.Campaign!)).DateTime);
        return ReflectionPromptBuilder.Build(target.Connection!.Connection, today, target.Connection.Evidence);
    }

    private static TimeZoneInfo OwnerTimeZone(CampaignRecord campaign)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(campaign.Settings.Cadence.TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    private async Task<ReplyTarget> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        var check = links.Verify(token);
        switch (check.Status)
        {
            case ReplyTokenStatus.Expired:
                HttpLog.ReplyLinkRefused(logger, "expired");
                return new(Problem(
                    StatusCodes.Status410Gone,
                    "This link has expired",
                    "Reply links stay valid for a while after the email is sent, and this one is past that. Nothing was saved. If the campaign is still running, answer the next prompt email, or reply to this one by email."));
            case ReplyTokenStatus.Valid when check.Token is not null:
                break;
            default:
                HttpLog.ReplyLinkRefused(logger, "invalid");
                return new(Problem(
                    StatusCodes.Status404NotFound,
                    "This link does not work",
                    "The address may have been cut short or changed when it was copied. Open the link straight from the email, or use one of the answer buttons in it."));
        }

        var campaign = await store.FindCampaignAsync(check.Token.CampaignId, cancellationToken);
        var connection = campaign is null
            ? null
            : await store.FindConnectionAsync(campaign.CampaignId, check.Token.ConnectionId, cancellationToken);
        if (campaign is null || connection is null)
        {
            HttpLog.ReplyLinkRefused(logger, "campaign or connection deleted");
            return new(Problem(
                StatusCodes.Status404NotFound,
                "This campaign is no longer here",
                "The campaign this link belongs to has been deleted, so there is nothing to answer. Nothing was saved."));
        }

        return new(null, campaign, connection);
    }

    private sealed record WorkAheadStep(string OwnerToken, int Step, int Of);

    private sealed record ReplyTarget(IResult? Problem, CampaignRecord? Campaign = null, CampaignConnection? Connection = null);
}
