namespace GoodwillFlow.Workflow.Http;

/// <summary>Limits and timeouts of the HTTP handlers, bound from the <c>Http</c> configuration section.</summary>
public sealed class HttpHandlerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Http";

    /// <summary>
    /// Gets or sets the largest reply-page form accepted, in bytes. Default 64 KiB: room for every free-text field at its
    /// limit several times over, so an over-long answer still reaches the validator and comes back with a message.
    /// </summary>
    public int MaxReplyFormBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Gets or sets the largest Inbound Parse post accepted, in bytes. Default 5 MiB: a reply with a quoted thread and
    /// a signature image fits; anything larger is dropped (answered 200 so SendGrid does not retry it).
    /// </summary>
    public long MaxInboundBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// Gets or sets how long <c>DELETE /api/campaigns/{id}</c> waits for a terminated orchestration to stop before
    /// purging its history. Default 10 seconds; when it is not stopped by then, the data is deleted and the response
    /// is 202, and a second DELETE purges the history.
    /// </summary>
    public TimeSpan DeleteWaitTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
