using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Workflow.Http;

/// <summary>
/// Log messages of the HTTP handlers. They carry campaign ids and reason categories only: never tokens, names,
/// addresses, subjects or answers.
/// </summary>
internal static partial class HttpLog
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Information, Message = "Reply page refused a link: {Reason}")]
    public static partial void ReplyLinkRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Information, Message = "Reply recorded for campaign {CampaignId} through {Channel}")]
    public static partial void ReplyRecorded(ILogger logger, string campaignId, string channel);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Information, Message = "Reply form for campaign {CampaignId} sent back for correction ({ErrorCount} problems)")]
    public static partial void ReplyFormInvalid(ILogger logger, string campaignId, int errorCount);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Warning, Message = "Reply form refused: {Reason}")]
    public static partial void ReplyFormRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 3510, Level = LogLevel.Warning, Message = "Inbound mail refused: the webhook secret did not match")]
    public static partial void InboundSecretMismatch(ILogger logger);

    [LoggerMessage(EventId = 3511, Level = LogLevel.Information, Message = "Inbound mail dropped: {Reason}")]
    public static partial void InboundDropped(ILogger logger, string reason);

    [LoggerMessage(EventId = 3520, Level = LogLevel.Information, Message = "Reply event for campaign {CampaignId} not raised: the orchestration is {RuntimeStatus}")]
    public static partial void ReplyEventSkipped(ILogger logger, string campaignId, string runtimeStatus);

    [LoggerMessage(EventId = 3521, Level = LogLevel.Warning, Message = "Reply event for campaign {CampaignId} could not be raised; the reply is stored and progress catches up from storage")]
    public static partial void ReplyEventFailed(ILogger logger, Exception exception, string campaignId);

    [LoggerMessage(EventId = 3530, Level = LogLevel.Information, Message = "Campaign {CampaignId}: {Action} requested")]
    public static partial void ControlRaised(ILogger logger, string campaignId, string action);

    [LoggerMessage(EventId = 3531, Level = LogLevel.Information, Message = "Campaign {CampaignId} deleted (history purged: {Purged})")]
    public static partial void CampaignDeleted(ILogger logger, string campaignId, bool purged);

    [LoggerMessage(EventId = 3532, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: the terminated orchestration did not stop within {Timeout}; its history is left for a second delete")]
    public static partial void DeleteTerminationSlow(ILogger logger, string campaignId, TimeSpan timeout);
}
