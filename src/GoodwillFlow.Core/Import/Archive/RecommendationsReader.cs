using GoodwillFlow.Core.Evidence;

namespace GoodwillFlow.Core.Import.Archive;

/// <summary>
/// Reads Recommendations_Given.csv and Recommendations_Received.csv (First Name, Last Name, Company, Job Title, Text,
/// Creation Date, Status). The files name people without a profile URL, so they match by name only; the text is the
/// owner's own data and only its first words are kept.
/// </summary>
internal static class RecommendationsReader
{
    public const string GivenFileName = "Recommendations_Given.csv";
    public const string ReceivedFileName = "Recommendations_Received.csv";

    /// <summary>How many words of a recommendation are quoted.</summary>
    public const int ExcerptWords = 12;

    private const int MaxRecordBytes = 256 * 1024;

    public static bool Read(
        Stream file, string fileName, EvidenceDirection direction, ConnectionDirectory directory, EvidenceBuilder evidence, List<string> warnings)
    {
        using var csv = EvidenceCsv.Open(file, fileName, "Last Name", "First Name, Last Name, Text, Creation Date", MaxRecordBytes, warnings);
        if (csv is null)
        {
            return false;
        }

        var firstName = csv.Column("First Name", "FirstName");
        var lastName = csv.Column("Last Name", "LastName");
        var url = csv.Column("Profile Url", "Profile URL", "URL", "Public Url");
        var text = csv.Column("Text", "Recommendation", "Body");
        var date = csv.Column("Creation Date", "Created At", "Date");
        while (csv.Read())
        {
            var name = EvidenceCsv.FullName(csv.Text(firstName), csv.Text(lastName));
            var profile = csv.Text(url);
            if (!directory.TryFind(profile is null ? null : directory.NormaliseUrl(profile), name, out var connectionId, out var match))
            {
                continue;
            }

            var words = csv.Text(text) is { } body ? EvidenceCsv.FirstWords(body, ExcerptWords) : string.Empty;
            var when = csv.Time(date) is { } time ? DateOnly.FromDateTime(time) : (DateOnly?)null;
            evidence.AddRecommendation(connectionId, new RecommendationEvidence(direction, when, words, match));
        }

        return true;
    }
}
