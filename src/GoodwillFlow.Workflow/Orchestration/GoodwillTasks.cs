using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>The one registration of GoodwillFlow's orchestrations and activities.</summary>
public static class GoodwillTasks
{
    /// <summary>Gets every activity by name with the factory the Durable Task worker uses (tests dispatch through it too).</summary>
    internal static IReadOnlyList<(string Name, Func<IServiceProvider, ITaskActivity> Factory)> Activities { get; } =
    [
        (CampaignActivityNames.LoadGeneration, sp => new ServiceActivity<LoadCampaignGenerationActivity, LoadGenerationInput, CampaignGeneration>(sp)),
        (CampaignActivityNames.SendPrompt, sp => new ServiceActivity<SendPromptActivity, SendPromptInput, SendPromptResult>(sp)),
        (CampaignActivityNames.SendDigest, sp => new ServiceActivity<SendDigestActivity, SendDigestInput, SendDigestResult>(sp)),
        (CampaignActivityNames.ReplanSchedule, sp => new ServiceActivity<ReplanScheduleActivity, ReplanInput, ReplanResult>(sp)),
        (CampaignActivityNames.SetCampaignState, sp => new ServiceActivity<SetCampaignStateActivity, SetCampaignStateInput, bool>(sp)),
        (CampaignActivityNames.CompileShortlist, sp => new ServiceActivity<CompileShortlistActivity, CompileShortlistInput, CompileShortlistResult>(sp)),
    ];

    /// <summary>Registers the orchestrator and activities with a Durable Task worker (local runtime and tests).</summary>
    public static DurableTaskRegistry AddGoodwillTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<DripCampaignOrchestrator>();
        foreach (var (name, factory) in Activities)
        {
            registry.AddActivity(name, factory);
        }

        return registry;
    }

    /// <summary>
    /// Registers the activity classes and their options (every host, including Functions). Their dependencies
    /// (<c>ICampaignStore</c>, <c>ICampaignFiles</c>, <c>IEmailSender</c>, <c>ReplyLinks</c>, <see cref="TimeProvider"/>) come from the host.
    /// </summary>
    public static IServiceCollection AddGoodwillActivities(this IServiceCollection services)
    {
        services.AddOptions<DripCampaignOptions>()
            .BindConfiguration(DripCampaignOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<LoadCampaignGenerationActivity>();
        services.TryAddTransient<SendPromptActivity>();
        services.TryAddTransient<SendDigestActivity>();
        services.TryAddTransient<ReplanScheduleActivity>();
        services.TryAddTransient<SetCampaignStateActivity>();
        services.TryAddTransient<CompileShortlistActivity>();
        return services;
    }
}
