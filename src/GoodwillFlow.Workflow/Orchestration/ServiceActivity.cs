using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>Adapts an <see cref="ICampaignActivity{TInput, TOutput}"/> from the service provider to the Durable Task worker.</summary>
internal sealed class ServiceActivity<TActivity, TInput, TOutput>(IServiceProvider services) : ITaskActivity
    where TActivity : ICampaignActivity<TInput, TOutput>
{
    public Type InputType => typeof(TInput);

    public Type OutputType => typeof(TOutput);

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        if (input is not TInput typed)
        {
            throw new ArgumentException($"Activity {context?.Name} expects an input of type {typeof(TInput).Name}.", nameof(input));
        }

        var activity = services.GetRequiredService<TActivity>();

        // TaskActivityContext carries no cancellation token in this SDK version; the worker stops activities by abandoning them.
        return await activity.RunAsync(typed, CancellationToken.None);
    }
}
