namespace GoodwillFlow.Functions.Tests.Publish;

/// <summary>A binding that functions.metadata must list: its type, direction, and the properties that must match exactly.</summary>
/// <param name="Type">The binding type, for example <c>blobTrigger</c>.</param>
/// <param name="Direction"><c>In</c> or <c>Out</c>.</param>
/// <param name="Properties">Properties to compare; a list-valued property (an HTTP trigger's methods) is given comma-separated.</param>
public sealed record ExpectedBinding(string Type, string Direction, params (string Key, string Value)[] Properties);

/// <summary>A function that the published app must contain, with exactly these bindings.</summary>
/// <param name="Name">The function name (what the host, the Event Grid subscription and the Durable client use).</param>
/// <param name="Bindings">Every binding of the function.</param>
public sealed record ExpectedFunction(string Name, params ExpectedBinding[] Bindings);

/// <summary>
/// The functions the published app must contain: the table that the publish test checks in both directions (every
/// entry is published with its bindings, and nothing is published that is not here). Add a row with each new shim.
/// </summary>
internal static class ExpectedFunctions
{
    public static IReadOnlyList<ExpectedFunction> All { get; } =
    [
        new(
            "ConnectionsUploadFunction",
            new ExpectedBinding("blobTrigger", "In", ("path", "connections/{name}"), ("source", "EventGrid"), ("connection", "AzureWebJobsStorage")),
            new ExpectedBinding("durableClient", "In")),

        // Literal names on purpose: the host, the Event Grid subscription and orchestration history know them by name,
        // so renaming a shim is a breaking change this table should catch.
        Orchestration("DripCampaignOrchestrator"),
        Activity("LoadGeneration"),
        Activity("SendPrompt"),
        Activity("SendDigest"),
        Activity("ReplanSchedule"),
        Activity("SetCampaignState"),
        Activity("CompileShortlist"),

        Http("ShowReplyPage", "get", "r/{token}", "Anonymous"),
        Http("SubmitReply", "post", "r/{token}", "Anonymous", durableClient: true),
        Http("ReceiveInboundEmail", "post", "inbound/{secret}", "Anonymous", durableClient: true),
        Http("ShowCampaignPage", "get", "c/{token}", "Anonymous", durableClient: true),
        Http("DownloadCampaignShortlist", "get", "c/{token}/shortlist", "Anonymous"),
        Http("ControlCampaignPage", "post", "c/{token}/{action}", "Anonymous", durableClient: true),
        Http("GetCampaignStatus", "get", "campaigns/{id}", "Function", durableClient: true),
        Http("GetCampaignShortlist", "get", "campaigns/{id}/shortlist", "Function"),
        Http("PauseCampaign", "post", "campaigns/{id}/pause", "Function", durableClient: true),
        Http("ResumeCampaign", "post", "campaigns/{id}/resume", "Function", durableClient: true),
        Http("StopCampaign", "post", "campaigns/{id}/stop", "Function", durableClient: true),
        Http("DeleteCampaign", "delete", "campaigns/{id}", "Function", durableClient: true),

        new(
            "PollMailbox",
            new ExpectedBinding("timerTrigger", "In", ("schedule", "0 */2 * * * *")),
            new ExpectedBinding("durableClient", "In")),
    ];

    /// <summary>An orchestrator shim: one orchestration trigger.</summary>
    public static ExpectedFunction Orchestration(string name) => new(name, new ExpectedBinding("orchestrationTrigger", "In"));

    /// <summary>An activity shim: one activity trigger.</summary>
    public static ExpectedFunction Activity(string name) => new(name, new ExpectedBinding("activityTrigger", "In"));

    /// <summary>
    /// An HTTP shim: the trigger with its methods, route and key level, the HTTP response, and a Durable client when the
    /// function signals or purges the orchestration.
    /// </summary>
    public static ExpectedFunction Http(string name, string methods, string route, string authLevel, bool durableClient = false) =>
        new(
            name,
            [
                new ExpectedBinding("httpTrigger", "In", ("methods", methods), ("route", route), ("authLevel", authLevel)),
                new ExpectedBinding("http", "Out"),
                .. durableClient ? new[] { new ExpectedBinding("durableClient", "In") } : [],
            ]);
}
