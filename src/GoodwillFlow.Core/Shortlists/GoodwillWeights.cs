using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>
/// Every weight of the goodwill score, in one place. The parts add up to at most 100:
/// relationship 20 · strength 20 · their perception 15 · your perception 10 · ways to help 15 · shared project 5 ·
/// target company 6 · target role 4 · tenure 5; plus up to 10 from the owner's LinkedIn archive (the sum is capped at 100).
/// </summary>
/// <remarks>
/// The order reflects who is most likely to welcome a message and be able to act on it: people who worked closely
/// with the owner (a boss, a client, a report, a peer) and who, in the owner's judgement, think well of them.
/// A scale the owner left unanswered counts as <see cref="NeutralScale"/>, so a one-click "my boss" reply is not
/// ranked below a lukewarm fully answered one. Replies with a perception of <see cref="LeftOutAtOrBelowPerception"/>
/// or less are left out rather than scored low: the shortlist is a list of people to contact.
/// The archive's evidence counts next to the answers but never outweighs them: at most <see cref="EvidenceMax"/> points,
/// half for evidence matched by name alone. A recommendation they gave the owner counts most (they put their name to
/// what they think of the owner), then recent messages both ways (warmth), then endorsements (mild).
/// </remarks>
public static class GoodwillWeights
{
    /// <summary>The highest score.</summary>
    public const int MaxScore = 100;

    /// <summary>The value used for a 1–5 scale the owner did not answer.</summary>
    public const int NeutralScale = 3;

    /// <summary>A reply whose their- or your-perception is at or below this is left out of the shortlist.</summary>
    public const int LeftOutAtOrBelowPerception = 2;

    /// <summary>A reply with no way to help and a strength at or below this is a weak tie, not a person to contact first.</summary>
    public const int WeakTieAtOrBelowStrength = 2;

    /// <summary>Points per step of relationship strength (1–5), at most 20.</summary>
    public const int StrengthPerStep = 4;

    /// <summary>Points per step of how the owner thinks the connection perceives them (1–5), at most 15.</summary>
    public const int TheirPerceptionPerStep = 3;

    /// <summary>Points per step of how the owner perceives the connection (1–5), at most 10.</summary>
    public const int YourPerceptionPerStep = 2;

    /// <summary>Points when the connection could refer the owner for a role.</summary>
    public const int Refer = 7;

    /// <summary>Points when the connection could introduce the owner to someone.</summary>
    public const int Introduce = 5;

    /// <summary>Points when the connection could give advice.</summary>
    public const int Advise = 3;

    /// <summary>Points when the owner named a project they worked on together.</summary>
    public const int SharedProject = 5;

    /// <summary>Points when the connection's company matches one of the owner's target companies.</summary>
    public const int TargetCompany = 6;

    /// <summary>Points when the connection's position matches one of the owner's target roles.</summary>
    public const int TargetRole = 4;

    /// <summary>Points per full year connected.</summary>
    public const int TenurePerYear = 1;

    /// <summary>The most points tenure can add.</summary>
    public const int TenureMax = 5;

    /// <summary>Points when they recommended the owner on LinkedIn.</summary>
    public const int EvidenceRecommendedYou = 6;

    /// <summary>Points when the owner recommended them on LinkedIn.</summary>
    public const int EvidenceYouRecommended = 3;

    /// <summary>Points for messages both ways, the last within <see cref="Evidence.EvidenceReading.RecentYears"/> years.</summary>
    public const int EvidenceRecentMessages = 4;

    /// <summary>Points for older messages both ways, or messages they wrote the owner in the last few years.</summary>
    public const int EvidenceMessages = 2;

    /// <summary>Points when they endorsed the owner for a skill.</summary>
    public const int EvidenceEndorsed = 1;

    /// <summary>The most points the archive's evidence can add.</summary>
    public const int EvidenceMax = 10;

    /// <summary>Gets the points for a relationship kind, at most 20.</summary>
    public static int Relationship(RelationshipKind kind) => kind switch
    {
        RelationshipKind.Boss => 20,
        RelationshipKind.Client => 20,
        RelationshipKind.Report => 18,
        RelationshipKind.Peer => 18,
        RelationshipKind.Classmate => 10,
        RelationshipKind.MetOnce => 4,

        // Not answered: the owner still chose to answer other questions, so somewhere between met-once and classmate.
        RelationshipKind.Unknown => 7,
        _ => 0,
    };
}
