namespace GoodwillFlow.Core.Import.Archive;

/// <summary>
/// Reads Endorsement_Received_Info.csv (Endorsement Date, Skill Name, Endorser First Name, Endorser Last Name, Endorser
/// Public Url, Endorsement Status): the skills each connection endorsed the owner for. Endorsements the owner rejected
/// are left out.
/// </summary>
internal static class EndorsementsReader
{
    public const string FileName = "Endorsement_Received_Info.csv";

    private const int MaxRecordBytes = 64 * 1024;

    public static bool Read(Stream file, ConnectionDirectory directory, EvidenceBuilder evidence, List<string> warnings)
    {
        using var csv = EvidenceCsv.Open(file, FileName, "Skill Name", "Skill Name, Endorser First Name, Endorser Public Url", MaxRecordBytes, warnings);
        if (csv is null)
        {
            return false;
        }

        var firstName = csv.Column("Endorser First Name", "First Name");
        var lastName = csv.Column("Endorser Last Name", "Last Name");
        var url = csv.Column("Endorser Public Url", "Endorser Profile Url", "Endorser Url", "Public Url", "URL");
        var skill = csv.Column("Skill Name", "Skill");
        var date = csv.Column("Endorsement Date", "Date");
        var status = csv.Column("Endorsement Status", "Status");
        while (csv.Read())
        {
            if (csv.Text(skill) is not { } skillName
                || (csv.Text(status) is { } state && state.Equals("REJECTED", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var name = EvidenceCsv.FullName(csv.Text(firstName), csv.Text(lastName));
            var profile = csv.Text(url);
            if (directory.TryFind(profile is null ? null : directory.NormaliseUrl(profile), name, out var connectionId, out var match))
            {
                var when = csv.Time(date) is { } time ? DateOnly.FromDateTime(time) : (DateOnly?)null;
                evidence.AddEndorsement(connectionId, skillName, when, match);
            }
        }

        return true;
    }
}
