namespace GoodwillFlow.Workflow.Http;

/// <summary>
/// The HTTP routes, relative to the Functions host's <c>api/</c> prefix. The <c>[Function]</c> shims use them as they
/// are; <see cref="GoodwillEndpointRouteBuilderExtensions.MapGoodwillEndpoints"/> adds <see cref="Prefix"/>, so both
/// hosts serve the same paths.
/// </summary>
public static class GoodwillRoutes
{
    /// <summary>The Functions host's default route prefix, which the local runtime adds itself.</summary>
    public const string Prefix = "api/";

    /// <summary>The reply page (GET shows, POST records).</summary>
    public const string ReplyPage = "r/{token}";

    /// <summary>The SendGrid Inbound Parse webhook.</summary>
    public const string Inbound = "inbound/{secret}";

    /// <summary>A campaign's status (GET) and deletion (DELETE).</summary>
    public const string Campaign = "campaigns/{id}";

    /// <summary>A campaign's shortlist, compiled on demand.</summary>
    public const string Shortlist = "campaigns/{id}/shortlist";

    /// <summary>Pause a campaign.</summary>
    public const string Pause = "campaigns/{id}/pause";

    /// <summary>Resume a campaign.</summary>
    public const string Resume = "campaigns/{id}/resume";

    /// <summary>Stop a campaign.</summary>
    public const string Stop = "campaigns/{id}/stop";
}
