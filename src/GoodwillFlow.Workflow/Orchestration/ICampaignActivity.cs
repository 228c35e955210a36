namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>
/// A campaign activity: a plain class resolved from dependency injection. The Durable Task worker reaches it through
/// <see cref="GoodwillTasks.AddGoodwillTasks"/>, and Azure Functions through a one-line <c>[ActivityTrigger]</c> shim;
/// plain classes (rather than <c>TaskActivity&lt;,&gt;</c>) keep the Durable analyzer from crashing on the shims.
/// </summary>
/// <typeparam name="TInput">The activity input.</typeparam>
/// <typeparam name="TOutput">The activity result.</typeparam>
public interface ICampaignActivity<in TInput, TOutput>
{
    /// <summary>Runs the activity once.</summary>
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
