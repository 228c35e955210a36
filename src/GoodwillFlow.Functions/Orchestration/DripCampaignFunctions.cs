using GoodwillFlow.Workflow.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace GoodwillFlow.Functions.Orchestration;

/// <summary>The Azure Functions shims of the drip campaign: one line each over the Workflow classes.</summary>
public sealed class DripCampaignFunctions(
    LoadCampaignGenerationActivity loadGeneration,
    SendPromptActivity sendPrompt,
    SendDigestActivity sendDigest,
    ReplanScheduleActivity replanSchedule,
    SetCampaignStateActivity setCampaignState,
    CompileShortlistActivity compileShortlist)
{
    /// <summary>The drip campaign orchestration.</summary>
    [Function(DripCampaignOrchestrator.Name)]
    public static Task<DripCampaignResult> RunDripCampaign([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new DripCampaignOrchestrator().RunAsync(context, context.GetInput<DripCampaignInput>()!);

    /// <summary>Loads one generation's page of the schedule.</summary>
    [Function(CampaignActivityNames.LoadGeneration)]
    public Task<CampaignGeneration> LoadGeneration([ActivityTrigger] LoadGenerationInput input, FunctionContext context) =>
        loadGeneration.RunAsync(input, context.CancellationToken);

    /// <summary>Sends one prompt.</summary>
    [Function(CampaignActivityNames.SendPrompt)]
    public Task<SendPromptResult> SendPrompt([ActivityTrigger] SendPromptInput input, FunctionContext context) =>
        sendPrompt.RunAsync(input, context.CancellationToken);

    /// <summary>Sends one day's prompts in one digest email.</summary>
    [Function(CampaignActivityNames.SendDigest)]
    public Task<SendDigestResult> SendDigest([ActivityTrigger] SendDigestInput input, FunctionContext context) =>
        sendDigest.RunAsync(input, context.CancellationToken);

    /// <summary>Re-plans the remaining prompts.</summary>
    [Function(CampaignActivityNames.ReplanSchedule)]
    public Task<ReplanResult> ReplanSchedule([ActivityTrigger] ReplanInput input, FunctionContext context) =>
        replanSchedule.RunAsync(input, context.CancellationToken);

    /// <summary>Records the campaign's state.</summary>
    [Function(CampaignActivityNames.SetCampaignState)]
    public Task<bool> SetCampaignState([ActivityTrigger] SetCampaignStateInput input, FunctionContext context) =>
        setCampaignState.RunAsync(input, context.CancellationToken);

    /// <summary>Compiles, stores and emails the shortlist.</summary>
    [Function(CampaignActivityNames.CompileShortlist)]
    public Task<CompileShortlistResult> CompileShortlist([ActivityTrigger] CompileShortlistInput input, FunctionContext context) =>
        compileShortlist.RunAsync(input, context.CancellationToken);
}
