namespace GoodwillFlow.Core.Import.Archive;

/// <summary>Reads the owner's own name from Profile.csv, to tell the owner apart from connections in messages.csv.</summary>
internal static class ProfileReader
{
    public const string FileName = "Profile.csv";

    private const int MaxRecordBytes = 256 * 1024;

    /// <summary>The owner's name ("First Last"), or null when the file does not say.</summary>
    public static string? Read(Stream file)
    {
        using var csv = EvidenceCsv.Open(file, FileName, "Last Name", "First Name, Last Name", MaxRecordBytes, []);
        if (csv is null || !csv.Read())
        {
            return null;
        }

        return EvidenceCsv.FullName(csv.Text(csv.Column("First Name")), csv.Text(csv.Column("Last Name")));
    }
}
