using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Evidence;

namespace GoodwillFlow.Core.Tests.Evidence;

/// <summary>Evidence as the archive reader would produce it, for the people of these tests.</summary>
internal static class EvidenceSamples
{
    public static readonly DateOnly Today = new(2026, 12, 1);

    public static Connection Person(string id, string first = "Maya", string last = "Chen", string? company = "Northwind", DateOnly? since = null) =>
        new(id, first, last, $"https://www.linkedin.com/in/{id}", null, company, "Engineer", since ?? new DateOnly(2018, 4, 1));

    public static ConnectionEvidence Messages(
        int fromOwner, int toOwner, DateOnly last, bool theyWroteLast = true, EvidenceMatch match = EvidenceMatch.ProfileUrl, int group = 0) =>
        ConnectionEvidence.None with
        {
            Messages = new MessageEvidence(fromOwner + toOwner, fromOwner, toOwner, new DateOnly(2016, 1, 5), last, theyWroteLast, group, match),
        };

    public static ConnectionEvidence RecommendedYou(int year, string excerpt = "Maya is the engineer you want in the room.", EvidenceMatch match = EvidenceMatch.ProfileUrl) =>
        ConnectionEvidence.None with
        {
            Recommendations = [new RecommendationEvidence(EvidenceDirection.ToOwner, new DateOnly(year, 3, 15), excerpt, match)],
        };

    public static ConnectionEvidence Endorsed(params string[] skills) =>
        ConnectionEvidence.None with { Endorsements = new EndorsementEvidence(skills, new DateOnly(2025, 6, 1), EvidenceMatch.ProfileUrl) };
}
