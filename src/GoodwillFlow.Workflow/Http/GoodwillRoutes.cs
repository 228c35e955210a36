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

    /// <summary>The owner's campaign page (GET), authorised by the signed owner token in the path.</summary>
    public const string OwnerPage = "c/{token}";

    /// <summary>The campaign page's shortlist downloads (<c>?format=html|csv|json</c>).</summary>
    public const string OwnerShortlist = "c/{token}/shortlist";

    /// <summary>The campaign page's controls (POST): pause, resume, stop, cadence, delete, new-link, ahead.</summary>
    public const string OwnerAction = "c/{token}/{action}";

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
