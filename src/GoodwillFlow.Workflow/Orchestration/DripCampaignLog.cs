using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>The orchestrator's log messages (through the replay-safe logger). Ids and counts only: never names or addresses.</summary>
internal static partial class DripCampaignLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Campaign {CampaignId}: generation {Generation} starts at cursor {Cursor} with {PageCount} scheduled prompts")]
    public static partial void GenerationStarted(ILogger logger, string campaignId, int generation, int cursor, int pageCount);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Campaign {CampaignId}: continuing as generation {Generation} at cursor {Cursor}")]
    public static partial void ContinuingAsNew(ILogger logger, string campaignId, int generation, int cursor);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Campaign {CampaignId}: {Overdue} prompts are overdue; re-planning the rest from now")]
    public static partial void CatchingUp(ILogger logger, string campaignId, int overdue);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Campaign {CampaignId}: paused before prompt {Sequence}")]
    public static partial void Paused(ILogger logger, string campaignId, int sequence);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Campaign {CampaignId}: resumed at prompt {Sequence}")]
    public static partial void Resumed(ILogger logger, string campaignId, int sequence);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: paused because prompt {Sequence} was refused permanently")]
    public static partial void PausedByFailure(ILogger logger, string campaignId, int sequence);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Campaign {CampaignId}: prompt {Sequence} failed after {Attempts} attempts ({ErrorType}); pausing")]
    public static partial void SendFailed(ILogger logger, string campaignId, int sequence, int attempts, string errorType);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Campaign {CampaignId}: all prompts sent; waiting {GracePeriod} for late replies")]
    public static partial void AwaitingReplies(ILogger logger, string campaignId, TimeSpan gracePeriod);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Campaign {CampaignId}: {Added} connections added")]
    public static partial void ConnectionsAdded(ILogger logger, string campaignId, int added);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Campaign {CampaignId}: {State} with {Sent} prompts sent and {Entries} shortlist entries")]
    public static partial void Finished(ILogger logger, string campaignId, CampaignState state, int sent, int entries);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: the page from prompt {Cursor} could not be loaded ahead ({ErrorType}); the next generation loads it")]
    public static partial void LoadAheadFailed(ILogger logger, string campaignId, int cursor, string errorType);

    [LoggerMessage(EventId = 3040, Level = LogLevel.Information, Message = "Campaign {CampaignId}: the schedule changed (answers ahead or a new cadence); re-planning from prompt {Sequence} after {Debounce}")]
    public static partial void Replanning(ILogger logger, string campaignId, int sequence, TimeSpan debounce);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: the campaign is no longer stored; ending")]
    public static partial void CampaignMissing(ILogger logger, string campaignId);
}
