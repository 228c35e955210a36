using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>
/// The outreach shortlist: who to contact first, in tiers by what to ask them, why, and how to open; the people the
/// owner could help now; and the owner's legacy of goodwill in one paragraph.
/// </summary>
/// <param name="CampaignId">The campaign it was compiled for.</param>
/// <param name="CompiledAt">When it was compiled.</param>
/// <param name="Entries">The people to contact first, tier by tier (<see cref="ShortlistTier"/> order), best first within a tier.</param>
/// <param name="RepliesConsidered">How many replies were read.</param>
/// <param name="LeftOut">How many replied connections were left out (skipped, don't remember, poor perception).</param>
public sealed record Shortlist(
    string CampaignId,
    DateTimeOffset CompiledAt,
    IReadOnlyList<ShortlistEntry> Entries,
    int RepliesConsidered,
    int LeftOut)
{
    /// <summary>Gets how many weak ties (met once or faded, with no way to help) were kept off the tiers.</summary>
    public int WeakTies { get; init; }

    /// <summary>Gets the people the owner said they could help, whether or not they can help the owner.</summary>
    public IReadOnlyList<PayItForwardEntry> PayItForward { get; init; } = [];

    /// <summary>Gets the owner's legacy of goodwill, drawn from all their replies.</summary>
    public LegacyOfGoodwill Legacy { get; init; } = LegacyOfGoodwill.Empty;
}

/// <summary>The sections of the shortlist, in the order they are shown.</summary>
public enum ShortlistTier
{
    /// <summary>Could refer the owner or introduce them to someone: ask for that.</summary>
    Referral,

    /// <summary>Could advise the owner: ask for twenty minutes of advice.</summary>
    Advice,

    /// <summary>A warm relationship with no way to help named: reconnect, no ask.</summary>
    Reconnect,
}

/// <summary>The words shown for each <see cref="ShortlistTier"/>.</summary>
public static class ShortlistTiers
{
    /// <summary>Gets the tier's heading, as the page, the email and the exports show it.</summary>
    public static string Title(ShortlistTier tier) => tier switch
    {
        ShortlistTier.Referral => "Ask for a referral or introduction",
        ShortlistTier.Advice => "Ask for advice",
        ShortlistTier.Reconnect => "Reconnect",
        _ => throw new ArgumentOutOfRangeException(nameof(tier)),
    };

    /// <summary>Gets one line on what the tier is for.</summary>
    public static string Description(ShortlistTier tier) => tier switch
    {
        ShortlistTier.Referral => "People who know your work and could refer you or introduce you at the companies you want.",
        ShortlistTier.Advice => "People whose advice would sharpen your search. Ask for twenty minutes.",
        ShortlistTier.Reconnect => "Warm relationships worth keeping warm. No ask: just catch up.",
        _ => throw new ArgumentOutOfRangeException(nameof(tier)),
    };
}

/// <summary>One person on the shortlist.</summary>
/// <param name="Rank">1-based rank within its tier.</param>
/// <param name="Connection">Who.</param>
/// <param name="Score">The goodwill score, 0 to 100.</param>
/// <param name="Reasons">Why they are listed: the owner's own words first, then the why, then the figures.</param>
/// <param name="Opener">The suggested first lines: greeting, shared memory, catch-up.</param>
public sealed record ShortlistEntry(
    int Rank,
    Connection Connection,
    int Score,
    IReadOnlyList<string> Reasons,
    string Opener)
{
    /// <summary>Gets the tier the person is listed in.</summary>
    public ShortlistTier Tier { get; init; }

    /// <summary>Gets the explicit ask and the owner's offer in return; empty for a reconnect with nothing to offer.</summary>
    public string Ask { get; init; } = "";

    /// <summary>Gets the owner's answers the entry was written from.</summary>
    public ReplyAnswers Answers { get; init; } = new();

    /// <summary>Gets the owner's own words about them, quoted and labelled (the first part of <see cref="Reasons"/>).</summary>
    public IReadOnlyList<string> OwnerWords { get; init; } = [];

    /// <summary>Gets why they are listed ("Was your boss", "Works at Contoso, a target"), after the owner's words.</summary>
    public IReadOnlyList<string> Why { get; init; } = [];

    /// <summary>Gets the figures ("Goodwill 82/100", "Connected on LinkedIn since 2016"), last.</summary>
    public IReadOnlyList<string> Figures { get; init; } = [];
}

/// <summary>Someone the owner could help now.</summary>
/// <param name="Connection">Who.</param>
/// <param name="Offer">What the owner said they could offer, in their words (on one line).</param>
/// <param name="Relationship">How the owner knows them.</param>
public sealed record PayItForwardEntry(Connection Connection, string Offer, RelationshipKind Relationship);
