using System.Globalization;
using System.Security.Cryptography;
using GoodwillFlow.Core.OwnerPage;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Tokens;
using GoodwillFlow.Workflow.Control;
using GoodwillFlow.Workflow.Replies;
using GoodwillFlow.Workflow.Shortlists;
using GoodwillFlow.Workflow.Storage;
using GoodwillFlow.Workflow.WorkAhead;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Workflow.Http;

/// <summary>
/// The owner's campaign page behind the signed owner link: <c>GET /api/c/{token}</c> shows progress, the live shortlist,
/// the answers and the controls; <c>GET /api/c/{token}/shortlist?format=</c> downloads the shortlist;
/// <c>POST /api/c/{token}/{action}</c> pauses, resumes, stops, changes the cadence, deletes, issues a fresh link or starts
/// working ahead, then redirects back (post-redirect-get). A GET never changes anything.
/// </summary>
/// <remarks>
/// <para>
/// Every bad link (malformed, tampered, another purpose's token, a retired key, revoked by a fresh link, or naming a
/// campaign that is not stored) gets the same friendly 404 page, so none tells whether a campaign exists. An expired but
/// genuine link gets a 410 page, decided before any lookup.
/// </para>
/// <para>
/// Cross-site request forgery: a post must name the secret token in its path, and a browser's cross-site post is refused
/// by its <c>Origin</c> or <c>Sec-Fetch-Site</c> header. The page sets no cookies.
/// </para>
/// </remarks>
public sealed partial class OwnerPageHandler(
    ICampaignStore store,
    ReplyLinks links,
    WorkAheadService workAhead,
    CampaignApiHandler campaignApi,
    TimeProvider time,
    ILogger<OwnerPageHandler> logger)
{
    /// <summary>The query parameter of the page that names what the last action did.</summary>
    public const string DoneParameter = "done";

    /// <summary>How many answers the page lists (newest first).</summary>
    public const int AnswersShown = 50;

    private const int MaxFormBytes = 16 * 1024;
    private const int MaxFields = 32;

    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["pause"] = "Pause requested: no more prompts go out until you resume.",
        ["resume"] = "Resume requested: prompts start again at the next planned time.",
        ["stop"] = "Stop requested: the shortlist is compiled from your answers so far and emailed to you.",
        ["cadence"] = "Cadence saved: the prompts still to send are re-planned.",
        ["not-running"] = "The campaign has finished sending, so there was nothing to change.",
        ["new-link"] = "This is your fresh link. Every earlier link to this page no longer works: bookmark this one.",
        ["ahead"] = "Thank you for working ahead. Those prompts will not be emailed.",
        ["nothing-ahead"] = "There is no prompt left to answer ahead.",
        ["delete-mismatch"] = "The name you typed did not match, so nothing was deleted.",
    };

    /// <summary><c>GET /api/c/{token}</c>: the campaign page. Changes nothing.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, string token, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        var (campaign, problem) = await ResolveAsync(token, cancellationToken);
        if (campaign is null)
        {
            return problem!;
        }

        var notice = Notices.GetValueOrDefault(request.Query[DoneParameter].FirstOrDefault() ?? "");
        var model = await BuildModelAsync(request, token, campaign, durable, notice, cancellationToken);
        return BodyResult.Page(StatusCodes.Status200OK, CampaignPageRenderer.Render(model.Page), CampaignPageRenderer.ContentSecurityPolicy);
    }

    /// <summary><c>GET /api/c/{token}/shortlist?format=html|csv|json</c>: the shortlist compiled now, as the campaign API serves it.</summary>
    public async Task<IResult> GetShortlistAsync(HttpRequest request, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (campaign, problem) = await ResolveAsync(token, cancellationToken);
        return campaign is null ? problem! : await campaignApi.GetShortlistAsync(request, campaign.CampaignId, cancellationToken);
    }

    /// <summary><c>POST /api/c/{token}/{action}</c>: one of <see cref="CampaignPageRenderer.Actions"/>, then a 303 back to a page.</summary>
    public async Task<IResult> PostAsync(
        HttpRequest request, string token, string action, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        if (IsCrossSite(request))
        {
            LogRefused(logger, "cross-site post");
            return Message(StatusCodes.Status403Forbidden, "This page only accepts its own buttons", "Nothing was changed. Open your campaign link and use the buttons on the page.");
        }

        var (campaign, problem) = await ResolveAsync(token, cancellationToken);
        if (campaign is null)
        {
            return problem!;
        }

        var id = campaign.CampaignId;
        switch (action)
        {
            case CampaignPageRenderer.Actions.Pause:
            case CampaignPageRenderer.Actions.Resume:
            case CampaignPageRenderer.Actions.Stop:
                var control = Enum.Parse<CampaignControl>(action, ignoreCase: true);
                var outcome = await CampaignControlEvents.RaiseAsync(store, durable, id, control, cancellationToken);
                LogAction(logger, id, action, outcome.Result.ToString());
                return Back(request, token, outcome.Result == CampaignControlResult.Raised ? action : "not-running");

            case CampaignPageRenderer.Actions.Cadence:
                return await ChangeCadenceAsync(request, token, id, durable, cancellationToken);

            case CampaignPageRenderer.Actions.Delete:
                return await DeleteAsync(request, token, campaign, durable, cancellationToken);

            case CampaignPageRenderer.Actions.NewLink:
                return await IssueFreshLinkAsync(request, token, campaign, durable, cancellationToken);

            case CampaignPageRenderer.Actions.WorkAhead:
                var next = await workAhead.NextAsync(id, CampaignPageRenderer.WorkAheadCount, cancellationToken);
                LogAction(logger, id, action, next.Count.ToString(CultureInfo.InvariantCulture));
                return next.Count == 0
                    ? Back(request, token, "nothing-ahead")
                    : BodyResult.SeeOther(WorkAheadUrl(request, links.IssueToken(id, next[0].ConnectionId), token, 1, next.Count));

            default:
                return Message(StatusCodes.Status404NotFound, "This page does not exist", "Open your campaign link and use the buttons on the page.");
        }
    }

    /// <summary>The path of the campaign page for <paramref name="ownerToken"/> on this host.</summary>
    internal static string PagePath(HttpRequest request, string ownerToken) =>
        $"{request.PathBase.ToUriComponent()}/{ReplyLinks.OwnerPageRoute.Replace("{token}", ownerToken, StringComparison.Ordinal)}";

    /// <summary>The reply page of <paramref name="replyToken"/>, continuing a run of working ahead at <paramref name="step"/> of <paramref name="of"/>.</summary>
    internal static string WorkAheadUrl(HttpRequest request, string replyToken, string ownerToken, int step, int of) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{request.PathBase.ToUriComponent()}/{ReplyLinks.ReplyPageRoute.Replace("{token}", replyToken, StringComparison.Ordinal)}?ahead={ownerToken}&step={step}&of={of}");

    /// <summary>Checks an owner token against the stored campaign: the campaign, or the friendly refusal.</summary>
    internal async Task<(CampaignRecord? Campaign, IResult? Problem)> ResolveAsync(string? token, CancellationToken cancellationToken)
    {
        var check = links.VerifyOwner(token);
        if (check.Status == ReplyTokenStatus.Expired)
        {
            LogRefused(logger, "expired");
            return (null, Message(
                StatusCodes.Status410Gone,
                "This link has expired",
                "Campaign links stay valid for months after the campaign ends, and this one is past that. Open the link in your most recent GoodwillFlow email instead."));
        }

        var campaign = check is { Status: ReplyTokenStatus.Valid, Token: { } valid }
            ? await store.FindCampaignAsync(valid.CampaignId, cancellationToken)
            : null;
        if (campaign is null || campaign.OwnerLinkNonce != check.Token!.Nonce)
        {
            // One answer for a bad, revoked or unknown link: nothing here says whether a campaign exists.
            LogRefused(logger, check.Status == ReplyTokenStatus.Valid ? "unknown or revoked" : "invalid");
            return (null, Message(
                StatusCodes.Status404NotFound,
                "This link does not work",
                "It may have been cut short when it was copied, or replaced by a fresher link. Open the link in your most recent GoodwillFlow email."));
        }

        return (campaign, null);
    }

    private async Task<IResult> ChangeCadenceAsync(HttpRequest request, string token, string id, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var form = await ReadFormAsync(request, cancellationToken);
        var perDayText = form?[CampaignPageRenderer.Fields.PerDay].FirstOrDefault();
        var days = new List<DayOfWeek>();
        foreach (var value in form?[CampaignPageRenderer.Fields.Days] ?? default)
        {
            if (CampaignPageRenderer.TryParseDay(value, out var day))
            {
                days.Add(day);
            }
        }

        if (!int.TryParse(perDayText, NumberStyles.None, CultureInfo.InvariantCulture, out var perDay)
            || perDay is < 1 or > CampaignPageRenderer.MaxPromptsPerDay || days.Count == 0)
        {
            return Message(
                StatusCodes.Status400BadRequest,
                "That cadence cannot be used",
                string.Create(CultureInfo.InvariantCulture, $"Choose from 1 to {CampaignPageRenderer.MaxPromptsPerDay} prompts a day and at least one sending day. Nothing was changed: go back and try again."));
        }

        var outcome = await CampaignControlEvents.ChangeCadenceAsync(store, durable, id, perDay, days, cancellationToken);
        LogAction(logger, id, CampaignPageRenderer.Actions.Cadence, outcome.Result.ToString());
        return Back(request, token, outcome.Result == CampaignControlResult.Raised ? "cadence" : "not-running");
    }

    private async Task<IResult> DeleteAsync(
        HttpRequest request, string token, CampaignRecord campaign, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var form = await ReadFormAsync(request, cancellationToken);
        var typed = form?[CampaignPageRenderer.Fields.ConfirmName].FirstOrDefault()?.Trim() ?? "";
        if (!string.Equals(typed, CampaignName(campaign), StringComparison.OrdinalIgnoreCase)
            && !string.Equals(typed, campaign.SourceName, StringComparison.OrdinalIgnoreCase))
        {
            return Back(request, token, "delete-mismatch");
        }

        var result = await campaignApi.DeleteAsync(request, campaign.CampaignId, durable, cancellationToken);
        LogAction(logger, campaign.CampaignId, CampaignPageRenderer.Actions.Delete, (result as IStatusCodeHttpResult)?.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "");
        return Message(
            StatusCodes.Status200OK,
            "Campaign deleted",
            "Your connections, answers, shortlists and the campaign's history are deleted. Links in earlier emails no longer work.");
    }

    private async Task<IResult> IssueFreshLinkAsync(
        HttpRequest request, string token, CampaignRecord campaign, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        // A conditional update: a state change saved at the same moment can neither carry the old nonce back nor be lost.
        var saved = await store.UpdateCampaignAsync(campaign.CampaignId, current => current with { OwnerLinkNonce = FreshNonce(current.OwnerLinkNonce) }, cancellationToken);
        if (saved is null)
        {
            return (await ResolveAsync(token, cancellationToken)).Problem!;
        }

        var model = await BuildModelAsync(request, token, saved, durable, null, cancellationToken);
        var fresh = links.IssueOwnerToken(saved, model.ExpectedEnd);
        LogAction(logger, campaign.CampaignId, CampaignPageRenderer.Actions.NewLink, "revoked");
        return BodyResult.SeeOther($"{PagePath(request, fresh)}?{DoneParameter}=new-link");
    }

    /// <summary>A random nonce other than <paramref name="current"/>, so every earlier owner link stops working.</summary>
    private static uint FreshNonce(uint current)
    {
        uint nonce;
        do
        {
            nonce = (uint)RandomNumberGenerator.GetInt32(int.MaxValue) + 1;
        }
        while (nonce == current);

        return nonce;
    }

    private async Task<(CampaignPageModel Page, DateTimeOffset? ExpectedEnd)> BuildModelAsync(
        HttpRequest request, string token, CampaignRecord campaign, DurableTaskClient durable, string? notice, CancellationToken cancellationToken)
    {
        var id = campaign.CampaignId;
        var now = time.GetUtcNow();
        var zone = OwnerZone(campaign);
        // Side by side: the counters, the orchestration's status, and the replies with the connections they answer (read
        // once, for the answers and the shortlist).
        var progressRead = store.GetProgressAsync(id, cancellationToken);
        var instanceRead = durable.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        var repliesRead = CampaignShortlist.ReadRepliesAsync(store, id, cancellationToken);
        var (progress, instance, read) = (await progressRead, await instanceRead, await repliesRead);
        var status = instance is null ? null : CampaignControlEvents.ReadCustomStatus(instance);
        // The stored state is written first (by the state activity); the published status can lag it by an episode.
        var state = campaign.State;
        var acceptsControls = instance is not null && CampaignControlEvents.AcceptsEvents(instance.RuntimeStatus)
            && state is CampaignState.Running or CampaignState.Paused;

        var replies = read.Replies;
        var replied = read.Connections.ToDictionary(c => c.Connection.Id, StringComparer.Ordinal);
        var toCome = progress.Remaining;

        var nextSend = state == CampaignState.Running ? status?.NextSendAt : null;
        DateTimeOffset? lastPrompt = null;
        if (toCome > 0 && state is CampaignState.Running or CampaignState.Paused)
        {
            try
            {
                lastPrompt = DripPlanner.SendTimes(campaign.Settings.Cadence, toCome, nextSend is { } next && next > now ? next : now).Last();
            }
            catch (ArgumentException)
            {
                // A cadence that no longer validates (an unknown zone) has no forecast; the page says so.
            }
        }

        var answers = new List<CampaignPageAnswer>();
        foreach (var reply in replies.OrderByDescending(r => r.ReceivedAt).Take(AnswersShown))
        {
            var connection = replied.GetValueOrDefault(reply.ConnectionId) ?? await store.FindConnectionAsync(id, reply.ConnectionId, cancellationToken);
            if (connection is null)
            {
                continue;
            }

            answers.Add(new CampaignPageAnswer(
                connection.Connection.DisplayName,
                Summary(reply.Answers),
                DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(reply.ReceivedAt, zone).DateTime),
                links.PageUrl(links.IssueToken(id, reply.ConnectionId)).ToString()));
        }

        var page = new CampaignPageModel(
            CampaignName(campaign),
            state switch
            {
                CampaignState.Running => CampaignPageState.Running,
                CampaignState.Paused => CampaignPageState.Paused,
                CampaignState.AwaitingReplies => CampaignPageState.AwaitingReplies,
                CampaignState.Stopped => CampaignPageState.Stopped,
                _ => CampaignPageState.Done,
            },
            state == CampaignState.Paused ? campaign.StateReason ?? status?.Reason : null,
            acceptsControls,
            progress.Total,
            progress.Sent,
            replies.Count,
            replies.Count(r => r.Answers.Skip),
            toCome,
            nextSend is { } at ? TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture) : null,
            lastPrompt is { } last ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(last, zone).DateTime) : null,
            zone.Id,
            campaign.Settings.Cadence.PromptsPerDay,
            campaign.Settings.Cadence.Days,
            CampaignShortlist.Compile(campaign, read, now),
            answers,
            PagePath(request, token),
            notice,
            progress.AnsweredAhead);
        return (page, lastPrompt is { } end ? end + campaign.Settings.GracePeriod : null);
    }

    /// <summary>What the owner knows the campaign as: the uploaded file's name, without any folder.</summary>
    public static string CampaignName(CampaignRecord campaign)
    {
        var name = campaign.SourceName;
        var slash = name.LastIndexOfAny(['/', '\\']);
        return slash >= 0 && slash < name.Length - 1 ? name[(slash + 1)..] : name;
    }

    private static string Summary(ReplyAnswers answers)
    {
        if (answers.Skip)
        {
            return "skipped";
        }

        var relationship = OneClickChoice.ValueOf(answers.Relationship);
        var label = OneClickChoice.All.FirstOrDefault(c => c.Value == relationship).Label;
        var parts = new List<string> { string.IsNullOrEmpty(label) ? "answered" : label };
        if (answers.Strength is { } strength)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"relationship {strength}/5"));
        }

        return string.Join(" · ", parts);
    }

    private static TimeZoneInfo OwnerZone(CampaignRecord campaign)
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

    private static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        RequestLimits.CapBody(request, MaxFormBytes);
        var (form, problem) = await FormBody.ReadUrlEncodedAsync(request, MaxFormBytes, MaxFields, cancellationToken);
        return problem == FormBodyProblem.None ? form : null;
    }

    /// <summary>A browser says where a post comes from; a post from another site is refused (an absent header is a non-browser client holding the token).</summary>
    private static bool IsCrossSite(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"].FirstOrDefault(), "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var origin = request.Headers.Origin.FirstOrDefault();
        return !string.IsNullOrEmpty(origin)
            && !string.Equals(origin, "null", StringComparison.Ordinal)
            && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static BodyResult Back(HttpRequest request, string token, string done) =>
        BodyResult.SeeOther($"{PagePath(request, token)}?{DoneParameter}={done}");

    private static BodyResult Message(int statusCode, string title, string message) =>
        BodyResult.Page(statusCode, CampaignPageRenderer.RenderMessage(title, message), CampaignPageRenderer.ContentSecurityPolicy);

    [LoggerMessage(EventId = 3540, Level = LogLevel.Information, Message = "Campaign page refused a link: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 3541, Level = LogLevel.Information, Message = "Campaign {CampaignId}: the owner page asked to {Action} ({Outcome})")]
    private static partial void LogAction(ILogger logger, string campaignId, string action, string outcome);
}
