using System.ComponentModel.DataAnnotations;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>
/// How the drip orchestration pages through the schedule and retries its activities, bound from the
/// <c>DripCampaign</c> configuration section. The orchestrator never reads configuration itself (it must replay
/// deterministically): these values reach it through the result of <see cref="LoadCampaignGenerationActivity"/>.
/// </summary>
public sealed class DripCampaignOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "DripCampaign";

    /// <summary>
    /// Gets or sets how many scheduled prompts one generation sends before it continues as new. Default 25: a
    /// generation's history stays at a few hundred events however large the campaign.
    /// </summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 25;

    /// <summary>Gets or sets how many times a prompt send is attempted when the provider throttles or fails transiently. Default 6.</summary>
    [Range(1, 100)]
    public int SendMaxAttempts { get; set; } = 6;

    /// <summary>Gets or sets the wait before the second send attempt. Default 1 minute.</summary>
    public TimeSpan SendFirstRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the factor each further wait grows by. Default 2.</summary>
    [Range(1.0, 10.0)]
    public double SendBackoffCoefficient { get; set; } = 2.0;

    /// <summary>Gets or sets the longest wait between send attempts. Default 1 hour.</summary>
    public TimeSpan SendMaxRetryInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how many times a storage activity is attempted. Default 3.</summary>
    [Range(1, 100)]
    public int StoreMaxAttempts { get; set; } = 3;

    /// <summary>Gets or sets the wait before the second storage attempt. Default 5 seconds.</summary>
    public TimeSpan StoreFirstRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how late a prompt must be before it counts as a backlog (the app was down). When more than one prompt
    /// of a generation is this late, the rest are re-planned from now instead of being sent in a burst. Prompts that are
    /// only a little late (sending slower than a seconds-long demo cadence) are simply sent. Default 30 minutes.
    /// </summary>
    public TimeSpan CatchUpAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Gets or sets how prompts reach the owner: one email per prompt (the default) or a daily digest holding the prompts
    /// planned on the same day in the owner's time zone.
    /// </summary>
    public PromptDelivery Delivery { get; set; } = PromptDelivery.PerPrompt;

    /// <summary>
    /// Gets or sets how long the drip gathers re-plan requests (prompts answered ahead, a cadence change) before it
    /// re-plans once: an owner answering 20 prompts in a burst costs one re-plan, not 20. Default 20 seconds.
    /// </summary>
    public TimeSpan ReplanDebounce { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>How prompts reach the owner (<see cref="DripCampaignOptions.Delivery"/>).</summary>
public enum PromptDelivery
{
    /// <summary>One email per prompt, at its planned time.</summary>
    PerPrompt,

    /// <summary>One email a day, at the day's first planned time, holding that day's prompts.</summary>
    Digest,
}
