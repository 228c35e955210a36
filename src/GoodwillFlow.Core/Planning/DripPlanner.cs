using GoodwillFlow.Core.Connections;

namespace GoodwillFlow.Core.Planning;

/// <summary>Orders connections and turns a <see cref="Cadence"/> into concrete send times.</summary>
public static class DripPlanner
{
    /// <summary>
    /// Orders connections so the most promising come first: target company and role matches, then a deterministic
    /// order (longest-standing connections first, then by id), so a campaign stopped early still yields a useful shortlist.
    /// </summary>
    public static IReadOnlyList<Connection> Order(IEnumerable<Connection> connections, OwnerTargets targets) =>
        throw new NotImplementedException("Owned by the planner work package.");

    /// <summary>
    /// Plans send times for <paramref name="ordered"/> (already in send order), numbering them from
    /// <paramref name="firstSequence"/>, starting no earlier than <paramref name="notBefore"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The cadence is invalid (unknown time zone, empty window, no days); the message says which.</exception>
    public static IReadOnlyList<PlannedPrompt> Plan(
        IReadOnlyList<Connection> ordered, Cadence cadence, DateTimeOffset notBefore, int firstSequence = 0) =>
        throw new NotImplementedException("Owned by the planner work package.");
}
