using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Core.OwnerPage;

/// <summary>Where a campaign is in its life, as the campaign page shows it.</summary>
public enum CampaignPageState
{
    /// <summary>Prompts go out on schedule.</summary>
    Running,

    /// <summary>Paused (see <see cref="CampaignPageModel.StateReason"/>).</summary>
    Paused,

    /// <summary>Every prompt is sent; late replies are still welcome.</summary>
    AwaitingReplies,

    /// <summary>Stopped by the owner; the shortlist was compiled from the replies so far.</summary>
    Stopped,

    /// <summary>Finished; the shortlist was compiled and emailed.</summary>
    Done,
}

/// <summary>One answer on the campaign page, with the link to edit it.</summary>
/// <param name="DisplayName">Who the answer is about.</param>
/// <param name="Summary">A few words: the relationship, or that the person was skipped.</param>
/// <param name="AnsweredOn">When it was saved, in the owner's time zone.</param>
/// <param name="EditUrl">The person's reply page (a fresh signed link).</param>
public sealed record CampaignPageAnswer(string DisplayName, string Summary, DateOnly AnsweredOn, string EditUrl);

/// <summary>Everything the campaign page shows. Every text in it is encoded by the renderer; URLs are the app's own.</summary>
/// <param name="Name">What the owner knows the campaign as (the uploaded file's name).</param>
/// <param name="State">Where the campaign is.</param>
/// <param name="StateReason">Why it is paused or stopped, in words for the owner; null otherwise.</param>
/// <param name="AcceptsControls">True while the campaign's workflow receives pause, resume, stop and cadence changes.</param>
/// <param name="Total">People in the campaign.</param>
/// <param name="Sent">Prompts sent.</param>
/// <param name="Answered">People answered (including skipped).</param>
/// <param name="Skipped">People skipped.</param>
/// <param name="ToCome">Prompts still to send (not sent and not answered ahead).</param>
/// <param name="NextSend">The next prompt's time in the owner's zone, formatted, or null.</param>
/// <param name="ExpectedLastPrompt">The day the last prompt is expected at the current cadence, or null.</param>
/// <param name="TimeZone">The owner's time zone id.</param>
/// <param name="PromptsPerDay">The cadence: prompts a sending day.</param>
/// <param name="Days">The cadence: sending days.</param>
/// <param name="Shortlist">The shortlist as it stands.</param>
/// <param name="Answers">The answers so far, newest first (possibly only the newest of them).</param>
/// <param name="PagePath">The page's own path (forms post to <c>{PagePath}/{action}</c>, downloads are under it).</param>
/// <param name="Notice">A short confirmation of what the last action did, or null.</param>
/// <param name="AnsweredAhead">Prompts the owner answered before the drip sent them (never emailed).</param>
public sealed record CampaignPageModel(
    string Name,
    CampaignPageState State,
    string? StateReason,
    bool AcceptsControls,
    int Total,
    int Sent,
    int Answered,
    int Skipped,
    int ToCome,
    string? NextSend,
    DateOnly? ExpectedLastPrompt,
    string TimeZone,
    int PromptsPerDay,
    IReadOnlyList<DayOfWeek> Days,
    Shortlist Shortlist,
    IReadOnlyList<CampaignPageAnswer> Answers,
    string PagePath,
    string? Notice,
    int AnsweredAhead = 0);
