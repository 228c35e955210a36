using GoodwillFlow.Core.Connections;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>The outreach shortlist: who to contact first, why, and how to open.</summary>
/// <param name="CampaignId">The campaign it was compiled for.</param>
/// <param name="CompiledAt">When it was compiled.</param>
/// <param name="Entries">Ranked entries, best first.</param>
/// <param name="RepliesConsidered">How many replies were read.</param>
/// <param name="LeftOut">How many replied connections were left out (skipped, don't remember, poor perception).</param>
public sealed record Shortlist(
    string CampaignId,
    DateTimeOffset CompiledAt,
    IReadOnlyList<ShortlistEntry> Entries,
    int RepliesConsidered,
    int LeftOut);

/// <summary>One person on the shortlist.</summary>
/// <param name="Rank">1-based rank.</param>
/// <param name="Connection">Who.</param>
/// <param name="Score">The goodwill score, 0 to 100.</param>
/// <param name="Reasons">Why they rank here, in the owner's own words where there are any.</param>
/// <param name="Opener">A suggested first line drawn from the shared history.</param>
public sealed record ShortlistEntry(
    int Rank,
    Connection Connection,
    int Score,
    IReadOnlyList<string> Reasons,
    string Opener);
