using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>A connection's goodwill score and the reasons behind it.</summary>
/// <param name="Score">0 to 100.</param>
/// <param name="Reasons">Why the connection ranks here, in short lines ("Was your boss", "Works at Contoso, a target");
/// the owner's own words and the figures are added by the shortlist.</param>
public sealed record GoodwillScore(int Score, IReadOnlyList<string> Reasons);

/// <summary>Computes the explainable goodwill score of one replied connection (weights in <see cref="GoodwillWeights"/>).</summary>
public static class GoodwillScorer
{
    /// <summary>
    /// Returns true when the reply takes the connection off the shortlist: skipped, not remembered, or a perception
    /// of <see cref="GoodwillWeights.LeftOutAtOrBelowPerception"/> or less either way.
    /// </summary>
    public static bool IsLeftOut(ReplyAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.Skip
            || answers.Relationship == RelationshipKind.DontRemember
            || answers.TheirPerception <= GoodwillWeights.LeftOutAtOrBelowPerception
            || answers.YourPerception <= GoodwillWeights.LeftOutAtOrBelowPerception;
    }

    /// <summary>
    /// Returns true for a weak tie: met once or faded (strength <see cref="GoodwillWeights.WeakTieAtOrBelowStrength"/> or
    /// less), with no way to help named. Weak ties are not people to contact first.
    /// </summary>
    public static bool IsWeakTie(ReplyAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.CouldHelp == HelpKind.None
            && (answers.Relationship == RelationshipKind.MetOnce || answers.Strength <= GoodwillWeights.WeakTieAtOrBelowStrength);
    }

    /// <summary>
    /// Scores a connection from the owner's answers, their targets, how long they have been connected and what the
    /// owner's LinkedIn archive says (<paramref name="evidence"/>, null when only Connections.csv was read).
    /// </summary>
    public static GoodwillScore Score(
        Connection connection, ReplyAnswers answers, OwnerTargets targets, DateOnly today, ConnectionEvidence? evidence = null) =>
        Score(connection, answers, new TargetMatcher(targets), today, evidence);

    /// <summary>
    /// Scores a connection against a <see cref="TargetMatcher"/> built once for the campaign, so that scoring many
    /// connections does not normalise the targets again for each one.
    /// </summary>
    public static GoodwillScore Score(
        Connection connection, ReplyAnswers answers, TargetMatcher matcher, DateOnly today, ConnectionEvidence? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(matcher);

        return new GoodwillScore(Points(connection, answers, matcher, today, evidence), Reasons(connection, answers, matcher, evidence));
    }

    /// <summary>
    /// Gets the number of <see cref="Score(Connection, ReplyAnswers, TargetMatcher, DateOnly, ConnectionEvidence)"/> without
    /// its reasons, so a shortlist can rank every replied connection and write reasons only for the few it lists.
    /// </summary>
    internal static int Points(Connection connection, ReplyAnswers answers, TargetMatcher matcher, DateOnly today, ConnectionEvidence? evidence = null)
    {
        var score = GoodwillWeights.Relationship(answers.Relationship)
            + (Scale(answers.Strength) * GoodwillWeights.StrengthPerStep)
            + (Scale(answers.TheirPerception) * GoodwillWeights.TheirPerceptionPerStep)
            + (Scale(answers.YourPerception) * GoodwillWeights.YourPerceptionPerStep)
            + HelpPoints(answers.CouldHelp);

        // A shared project counts when the owner wrote anything in it, which is when it can be quoted.
        if (!string.IsNullOrWhiteSpace(answers.SharedProject))
        {
            score += GoodwillWeights.SharedProject;
        }

        // The same matcher that put target matches first in the drip, so the order and the score agree.
        if (matcher.MatchesCompany(connection.Company))
        {
            score += GoodwillWeights.TargetCompany;
        }

        if (matcher.MatchesRole(connection.Position))
        {
            score += GoodwillWeights.TargetRole;
        }

        var years = YearsConnected(connection.ConnectedOn, today);
        if (years > 0)
        {
            score += Math.Min(years * GoodwillWeights.TenurePerYear, GoodwillWeights.TenureMax);
        }

        if (evidence is not null)
        {
            score += EvidencePoints(evidence, today);
        }

        return Math.Clamp(score, 0, GoodwillWeights.MaxScore);
    }

    /// <summary>
    /// Gets the points the archive adds (at most <see cref="GoodwillWeights.EvidenceMax"/>): a recommendation they gave
    /// the owner, one the owner gave them, messages (recent and both ways count most) and endorsements. Evidence matched
    /// by name alone counts half. No allocation: this runs for every replied connection.
    /// </summary>
    internal static int EvidencePoints(ConnectionEvidence evidence, DateOnly today)
    {
        var doubled = 0;
        var recommendations = evidence.Recommendations;
        var received = false;
        var given = false;
        for (var i = 0; i < recommendations.Count; i++)
        {
            var recommendation = recommendations[i];
            if (recommendation.Direction == EvidenceDirection.ToOwner && !received)
            {
                received = true;
                doubled += Certainty(GoodwillWeights.EvidenceRecommendedYou, recommendation.Match);
            }
            else if (recommendation.Direction == EvidenceDirection.FromOwner && !given)
            {
                given = true;
                doubled += Certainty(GoodwillWeights.EvidenceYouRecommended, recommendation.Match);
            }
        }

        if (evidence.Messages is { } messages)
        {
            var twoWay = EvidenceReading.IsTwoWay(messages);
            var points = twoWay && messages.Last >= today.AddYears(-EvidenceReading.RecentYears) ? GoodwillWeights.EvidenceRecentMessages
                : twoWay || (messages.ToOwner > 0 && messages.Last >= today.AddYears(-EvidenceReading.FadedAfterYears)) ? GoodwillWeights.EvidenceMessages
                : 0;
            doubled += Certainty(points, messages.Match);
        }

        if (evidence.Endorsements is { Skills.Count: > 0 } endorsements)
        {
            doubled += Certainty(GoodwillWeights.EvidenceEndorsed, endorsements.Match);
        }

        return Math.Min(doubled / 2, GoodwillWeights.EvidenceMax);
    }

    // Twice the points for a certain match and once for a name-only one, halved by the caller: name-only counts half.
    private static int Certainty(int points, EvidenceMatch match) => match == EvidenceMatch.ProfileUrl ? points * 2 : points;

    private static List<string> Reasons(Connection connection, ReplyAnswers answers, TargetMatcher matcher, ConnectionEvidence? evidence)
    {
        var reasons = new List<string>();
        if (RelationshipReason(answers.Relationship) is { } relationship)
        {
            reasons.Add(relationship);
        }

        if (HelpReason(answers.CouldHelp) is { } help)
        {
            reasons.Add(help);
        }

        if (matcher.MatchesCompany(connection.Company))
        {
            reasons.Add($"Works at {OwnerWords.Quote(connection.Company, OwnerWords.ReasonLength)}, a target");
        }

        if (matcher.MatchesRole(connection.Position))
        {
            reasons.Add($"{OwnerWords.Quote(connection.Position, OwnerWords.ReasonLength)}, a target role");
        }

        if (answers.TheirPerception >= 4)
        {
            reasons.Add("Likely thinks well of you");
        }

        reasons.AddRange(EvidenceLines.ForReasons(evidence));
        return reasons;
    }

    /// <summary>Gets the number of full years between <paramref name="connectedOn"/> and <paramref name="today"/>.</summary>
    internal static int YearsConnected(DateOnly? connectedOn, DateOnly today)
    {
        if (connectedOn is not { } since || since >= today)
        {
            return 0;
        }

        var years = today.Year - since.Year;
        return since.AddYears(years) > today ? years - 1 : years;
    }

    // Out-of-range values cannot come from the parser or the form, but a stored reply is outside our control.
    private static int Scale(int? value) => Math.Clamp(value ?? GoodwillWeights.NeutralScale, 1, 5);

    private static int HelpPoints(HelpKind help) =>
        (help.HasFlag(HelpKind.Refer) ? GoodwillWeights.Refer : 0)
        + (help.HasFlag(HelpKind.Introduce) ? GoodwillWeights.Introduce : 0)
        + (help.HasFlag(HelpKind.Advise) ? GoodwillWeights.Advise : 0);

    /// <summary>Gets how the owner knows them, as a short line ("Was your boss"); null when not answered.</summary>
    internal static string? RelationshipReason(RelationshipKind kind) => kind switch
    {
        RelationshipKind.Boss => "Was your boss",
        RelationshipKind.Report => "Reported to you",
        RelationshipKind.Peer => "A peer you worked with",
        RelationshipKind.Client => "A client of yours",
        RelationshipKind.Classmate => "A classmate",
        RelationshipKind.MetOnce => "You met once",
        _ => null,
    };

    private static string? HelpReason(HelpKind help)
    {
        var ways = new List<string>(3);
        if (help.HasFlag(HelpKind.Refer))
        {
            ways.Add("refer you");
        }

        if (help.HasFlag(HelpKind.Introduce))
        {
            ways.Add("introduce you to people");
        }

        if (help.HasFlag(HelpKind.Advise))
        {
            ways.Add("advise you");
        }

        return ways.Count switch
        {
            0 => null,
            1 => $"Could {ways[0]}",
            _ => $"Could {string.Join(", ", ways[..^1])} or {ways[^1]}",
        };
    }
}
