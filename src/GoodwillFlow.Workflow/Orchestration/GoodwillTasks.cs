using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>The one registration of GoodwillFlow's orchestrations and activities.</summary>
public static class GoodwillTasks
{
    /// <summary>Registers the orchestrator and activities with a Durable Task worker (local runtime and tests).</summary>
    public static DurableTaskRegistry AddGoodwillTasks(this DurableTaskRegistry registry) =>
        registry; // Owned by the orchestration work package.

    /// <summary>Registers the activity classes and their dependencies (every host, including Functions).</summary>
    public static IServiceCollection AddGoodwillActivities(this IServiceCollection services) =>
        services; // Owned by the orchestration work package.
}
