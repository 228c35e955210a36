namespace GoodwillFlow.Core.Evidence;

/// <summary>How clearly the owner's archive says a relationship is alive, from faded to strong.</summary>
/// <remarks>Ordered: a higher value is warmer, except <see cref="Faded"/>, which is below <see cref="Some"/> but is still evidence.</remarks>
public enum EvidenceStrength
{
    /// <summary>The archive says nothing about them.</summary>
    None,

    /// <summary>Clear signs of a faded tie: only one side ever wrote, and nothing in years.</summary>
    Faded,

    /// <summary>Something, but nothing that says how warm the tie is (an invitation, old messages, an undated endorsement).</summary>
    Some,

    /// <summary>Signs of warmth: they wrote to the owner in the last few years, or endorsed them recently.</summary>
    Warm,

    /// <summary>Clear signs of a strong tie: a recommendation either way, or recent messages both ways.</summary>
    Strong,
}

/// <summary>
/// Reads a <see cref="ConnectionEvidence"/> as a strength the owner would recognise. Only evidence matched by profile URL
/// can be <see cref="EvidenceStrength.Strong"/>, <see cref="EvidenceStrength.Warm"/> or
/// <see cref="EvidenceStrength.Faded"/>: a match by name alone may be somebody else, so it counts as
/// <see cref="EvidenceStrength.Some"/> at most.
/// </summary>
public static class EvidenceReading
{
    /// <summary>Messages both ways within this many years make a tie strong.</summary>
    public const int RecentYears = 2;

    /// <summary>One-way messages, the last older than this many years (and nothing warmer), make a tie faded.</summary>
    public const int FadedAfterYears = 3;

    /// <summary>Returns how strong the archive says the tie is, as of <paramref name="today"/>.</summary>
    /// <param name="evidence">What the archive says, or null when nothing.</param>
    /// <param name="today">The owner's date, for "recent" and "in years".</param>
    public static EvidenceStrength Strength(ConnectionEvidence? evidence, DateOnly today)
    {
        if (evidence is null || evidence.IsEmpty)
        {
            return EvidenceStrength.None;
        }

        var certain = Strength(evidence, EvidenceMatch.ProfileUrl, today);
        var byName = Strength(evidence, EvidenceMatch.NameOnly, today) switch
        {
            EvidenceStrength.Strong or EvidenceStrength.Warm => EvidenceStrength.Some,
            EvidenceStrength.Faded => EvidenceStrength.None,
            var other => other,
        };
        return certain >= byName ? certain : byName;
    }

    /// <summary>Returns true when the evidence is clear enough to suggest an answer: strong or faded, matched by profile URL.</summary>
    public static bool IsClear(EvidenceStrength strength) => strength is EvidenceStrength.Strong or EvidenceStrength.Faded;

    /// <summary>Gets a value indicating whether messages went both ways.</summary>
    internal static bool IsTwoWay(MessageEvidence messages) => messages.FromOwner > 0 && messages.ToOwner > 0;

    private static EvidenceStrength Strength(ConnectionEvidence evidence, EvidenceMatch match, DateOnly today)
    {
        var recommendations = evidence.Recommendations;
        for (var i = 0; i < recommendations.Count; i++)
        {
            if (recommendations[i].Match == match)
            {
                return EvidenceStrength.Strong;
            }
        }

        var messages = evidence.Messages is { } m && m.Match == match ? m : null;
        var endorsements = evidence.Endorsements is { } e && e.Match == match ? e : null;
        var invitation = evidence.Invitation is { } v && v.Match == match ? v : null;
        var recent = today.AddYears(-RecentYears);
        var inYears = today.AddYears(-FadedAfterYears);
        if (messages is not null && IsTwoWay(messages) && messages.Last >= recent)
        {
            return EvidenceStrength.Strong;
        }

        if ((messages is { ToOwner: > 0 } && messages.Last >= inYears) || endorsements is { Last: { } endorsed } && endorsed >= inYears)
        {
            return EvidenceStrength.Warm;
        }

        if (messages is not null && !IsTwoWay(messages) && messages.Last < inYears)
        {
            return EvidenceStrength.Faded;
        }

        return messages is not null || endorsements is not null || invitation is not null ? EvidenceStrength.Some : EvidenceStrength.None;
    }
}
