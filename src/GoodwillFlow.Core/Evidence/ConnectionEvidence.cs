namespace GoodwillFlow.Core.Evidence;

/// <summary>How a piece of evidence was tied to a connection.</summary>
public enum EvidenceMatch
{
    /// <summary>By the LinkedIn profile URL, normalised as for import: the person is certain.</summary>
    ProfileUrl,

    /// <summary>By name alone, because the file had no URL: a weaker match (two people can share a name).</summary>
    NameOnly,
}

/// <summary>Which way a recommendation or invitation went, seen from the owner.</summary>
public enum EvidenceDirection
{
    /// <summary>The owner gave it (wrote the recommendation, sent the invitation).</summary>
    FromOwner,

    /// <summary>The connection gave it to the owner.</summary>
    ToOwner,
}

/// <summary>
/// What the owner's messages say about one relationship: counts, dates and directions only. Message contents are never
/// kept.
/// </summary>
/// <param name="Total">Messages exchanged in all.</param>
/// <param name="FromOwner">How many the owner wrote.</param>
/// <param name="ToOwner">How many the connection wrote.</param>
/// <param name="First">The date of the first message (UTC).</param>
/// <param name="Last">The date of the last message (UTC).</param>
/// <param name="TheyWroteLast">True when the connection wrote the last message.</param>
/// <param name="GroupConversations">How many of the conversations had more than two people in them.</param>
/// <param name="Match">How the messages were tied to the connection.</param>
public sealed record MessageEvidence(
    int Total,
    int FromOwner,
    int ToOwner,
    DateOnly First,
    DateOnly Last,
    bool TheyWroteLast,
    int GroupConversations,
    EvidenceMatch Match);

/// <summary>A recommendation between the owner and a connection.</summary>
/// <param name="Direction">Who recommended whom.</param>
/// <param name="Date">When, where the file says.</param>
/// <param name="Excerpt">The first words of the text (the owner's own data; quoted briefly, never in full).</param>
/// <param name="Match">How it was tied to the connection.</param>
public sealed record RecommendationEvidence(EvidenceDirection Direction, DateOnly? Date, string Excerpt, EvidenceMatch Match);

/// <summary>The skills a connection endorsed the owner for.</summary>
/// <param name="Skills">Skill names, distinct, in file order.</param>
/// <param name="Last">The most recent endorsement date, where the file says.</param>
/// <param name="Match">How they were tied to the connection.</param>
public sealed record EndorsementEvidence(IReadOnlyList<string> Skills, DateOnly? Last, EvidenceMatch Match);

/// <summary>The invitation that made the connection.</summary>
/// <param name="Direction">Who invited whom.</param>
/// <param name="SentOn">When, where the file says.</param>
/// <param name="Note">The invitation note, shortened; null when there was none.</param>
/// <param name="Match">How it was tied to the connection.</param>
public sealed record InvitationEvidence(EvidenceDirection Direction, DateOnly? SentOn, string? Note, EvidenceMatch Match);

/// <summary>Everything the owner's LinkedIn archive says about one connection, beyond Connections.csv.</summary>
/// <param name="Messages">Messages exchanged, or null when none were found.</param>
/// <param name="Recommendations">Recommendations given and received (empty when none).</param>
/// <param name="Endorsements">Endorsements received from them, or null.</param>
/// <param name="Invitation">The invitation, or null.</param>
public sealed record ConnectionEvidence(
    MessageEvidence? Messages,
    IReadOnlyList<RecommendationEvidence> Recommendations,
    EndorsementEvidence? Endorsements,
    InvitationEvidence? Invitation)
{
    /// <summary>Gets evidence that says nothing.</summary>
    public static ConnectionEvidence None { get; } = new(null, [], null, null);

    /// <summary>Gets a value indicating whether the archive said anything about the connection.</summary>
    public bool IsEmpty => Messages is null && Recommendations.Count == 0 && Endorsements is null && Invitation is null;
}
