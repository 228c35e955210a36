namespace GoodwillFlow.Local.Engine;

/// <summary>How the local durable engine hands work back after a crash (configuration section <c>LocalEngine</c>).</summary>
public sealed class LocalEngineOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "LocalEngine";

    /// <summary>
    /// Gets or sets how long an activity's work item taken by a process that was killed stays hidden before the next
    /// run takes it over. It must outlast the slowest activity (an email send), or a live activity would be started a
    /// second time. Default 1 minute (the backend's default, 5 minutes, would stall a restart).
    /// </summary>
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
