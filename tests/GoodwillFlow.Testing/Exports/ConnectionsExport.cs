using System.Text;

namespace GoodwillFlow.Testing.Exports;

/// <summary>One row of a test export.</summary>
public sealed record ExportRow(
    string FirstName,
    string LastName,
    string Slug,
    string Company = "Fabrikam",
    string Position = "Engineer",
    string ConnectedOn = "14 Feb 2024")
{
    /// <summary>Gets the profile URL.</summary>
    public string Url => $"https://www.linkedin.com/in/{Slug}";
}

/// <summary>Writes Connections.csv the way LinkedIn exports it today: the three preamble lines, then the header row.</summary>
public static class ConnectionsExport
{
    /// <summary>The preamble of today's export.</summary>
    public const string Preamble =
        "Notes:\n" +
        "\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connected members who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. To learn more, visit https://www.linkedin.com/help/linkedin/answer/261\"\n" +
        "\n";

    /// <summary>The current header row.</summary>
    public const string Header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";

    /// <summary>Returns the export's bytes (UTF-8, LF).</summary>
    public static byte[] Of(IEnumerable<ExportRow> rows) =>
        Encoding.UTF8.GetBytes(
            Preamble + Header + "\n" +
            string.Concat(rows.Select(r => $"{r.FirstName},{r.LastName},{r.Url},,{r.Company},{r.Position},{r.ConnectedOn}\n")));

    /// <summary>Returns <paramref name="count"/> invented people named Person1..PersonN.</summary>
    public static IReadOnlyList<ExportRow> People(int count, int first = 1) =>
        Enumerable.Range(first, count).Select(i => new ExportRow($"Person{i}", $"Tester{i}", $"person-{i}")).ToList();

    /// <summary>Writes the export to a file and returns its path.</summary>
    public static string WriteFile(string directory, IEnumerable<ExportRow> rows, string name = "Connections.csv")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, Of(rows));
        return path;
    }
}
