namespace GoodwillFlow.Workflow.Storage;

/// <summary>A prompt's place in a campaign's schedule.</summary>
/// <param name="Sequence">Zero-based position in the send order.</param>
/// <param name="ConnectionId">The connection the prompt is about.</param>
public sealed record ScheduleSlot(int Sequence, string ConnectionId)
{
    /// <summary>The prompts of <paramref name="connections"/> from <paramref name="fromSequence"/> on that are still to send, in order.</summary>
    public static IReadOnlyList<ScheduleSlot> OpenFrom(IEnumerable<CampaignConnection> connections, int fromSequence)
    {
        ArgumentNullException.ThrowIfNull(connections);
        return connections
            .Where(c => c.Sequence >= fromSequence && !c.IsDone)
            .OrderBy(c => c.Sequence)
            .Select(c => new ScheduleSlot(c.Sequence, c.Connection.Id))
            .ToList();
    }
}
