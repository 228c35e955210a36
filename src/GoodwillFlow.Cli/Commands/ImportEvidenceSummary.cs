using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Cli.Commands;

/// <summary>The lines <c>goodwill import ARCHIVE --dry-run</c> shows for a LinkedIn data download: each file read and what it gave.</summary>
internal static class ImportEvidenceSummary
{
    /// <summary>A line per file read, then the evidence counts; nothing for a bare Connections.csv.</summary>
    public static IEnumerable<string> Lines(ImportResult result)
    {
        if (result.Evidence is not { } evidence)
        {
            yield break;
        }

        var all = evidence.Values.ToList();
        yield return "  Files read from the ZIP:";
        foreach (var file in result.FilesRead ?? [])
        {
            yield return $"    {file}: {Describe(file, result, all)}";
        }

        yield return $"  Evidence for {evidence.Count} of {Count(result.Connections.Count, "connection")}; message contents are never read or kept.";
    }

    private static string Describe(string file, ImportResult result, List<ConnectionEvidence> all) => file.ToUpperInvariant() switch
    {
        "CONNECTIONS.CSV" => Count(result.Connections.Count, "connection"),
        "PROFILE.CSV" => "your name, to tell you apart in messages",
        "MESSAGES.CSV" => WithWeak(
            $"messages with {Count(all.Count(e => e.Messages is not null), "connection")}" +
            $" ({Count(all.Count(e => e.Messages is { TheyWroteLast: true }), "connection")} wrote last)",
            all.Count(e => e.Messages?.Match == EvidenceMatch.NameOnly)),
        "RECOMMENDATIONS_GIVEN.CSV" => WithWeak(
            $"{Count(Recommendations(all, EvidenceDirection.FromOwner).Count(), "recommendation")} you gave",
            Recommendations(all, EvidenceDirection.FromOwner).Count(r => r.Match == EvidenceMatch.NameOnly)),
        "RECOMMENDATIONS_RECEIVED.CSV" => WithWeak(
            $"{Count(Recommendations(all, EvidenceDirection.ToOwner).Count(), "recommendation")} you received",
            Recommendations(all, EvidenceDirection.ToOwner).Count(r => r.Match == EvidenceMatch.NameOnly)),
        "ENDORSEMENT_RECEIVED_INFO.CSV" => WithWeak(
            $"{Count(all.Count(e => e.Endorsements is not null), "connection")} endorsed you for {Count(all.Sum(e => e.Endorsements?.Skills.Count ?? 0), "skill")}",
            all.Count(e => e.Endorsements?.Match == EvidenceMatch.NameOnly)),
        "INVITATIONS.CSV" => WithWeak(
            $"{Count(all.Count(e => e.Invitation?.Direction == EvidenceDirection.FromOwner), "invitation")} you sent, " +
            $"{all.Count(e => e.Invitation?.Direction == EvidenceDirection.ToOwner)} you received",
            all.Count(e => e.Invitation?.Match == EvidenceMatch.NameOnly)),
        _ => "read",
    };

    private static IEnumerable<RecommendationEvidence> Recommendations(List<ConnectionEvidence> all, EvidenceDirection direction) =>
        all.SelectMany(e => e.Recommendations).Where(r => r.Direction == direction);

    private static string WithWeak(string text, int nameOnly) =>
        nameOnly == 0 ? text : $"{text} ({nameOnly} matched by name only)";

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
