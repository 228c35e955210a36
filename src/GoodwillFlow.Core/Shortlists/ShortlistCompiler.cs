using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>Scores replied connections and ranks them into a <see cref="Shortlist"/>.</summary>
public static class ShortlistCompiler
{
    /// <summary>
    /// Compiles the shortlist from the connections and the replies received so far (keyed by connection id).
    /// Connections without a reply are not listed.
    /// </summary>
    public static Shortlist Compile(
        string campaignId,
        IEnumerable<Connection> connections,
        IReadOnlyDictionary<string, ReplyAnswers> replies,
        OwnerTargets targets,
        DateTimeOffset now,
        int maxEntries = 50) =>
        throw new NotImplementedException("Owned by the shortlist work package.");
}
