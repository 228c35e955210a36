using System.Globalization;
using System.Text;

namespace GoodwillFlow.Benchmarks;

/// <summary>
/// Writes a deterministic current-format Connections.csv: LinkedIn's preamble, the header, and rows with the mix a
/// real export has (quoted companies with commas, accented names, an emoji now and then, percent-encoded URLs,
/// mostly empty email addresses, dates over fifteen years).
/// </summary>
public static class ConnectionsExportGenerator
{
    /// <summary>LinkedIn's cap on first-degree connections.</summary>
    public const int LinkedInConnectionCap = 30_000;

    private const string Preamble =
        "Notes:\r\n" +
        "\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connected members who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. To learn more, visit https://www.linkedin.com/help/linkedin/answer/261\"\r\n" +
        "\r\n" +
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n";

    private static readonly string[] FirstNames =
    [
        "Ada", "Grace", "Priya", "Tom", "Sofía", "Marcus", "Hannah", "Daniel", "Aisha", "Kenji", "Chloé", "Olu",
        "Rachel", "Liam", "Mei", "Jonas", "Fatima", "Ben", "Isabella", "Arjun", "Zoë", "Mateus", "Emily", "Yusuf",
        "Anna", "Patrick", "Laura", "Chris", "Nadia", "Ethan", "Amara", "Lucas", "Siobhán", "Raj", "Julia", "Kwame",
    ];

    private static readonly string[] LastNames =
    [
        "Lovelace", "Hopper", "Raman", "Okafor", "Hernández", "Lee", "Schmidt", "O'Brien", "Bello", "Watanabe",
        "Dubois", "Adeyemi", "Goldberg", "Murphy", "Chen", "Andersson", "Zahra", "Carter", "Rossi", "Mehta",
        "Williams", "Silva", "Clarke", "Kaya", "Kowalska", "Nguyen", "Martínez", "Johnson", "Petrova", "Brooks",
    ];

    private static readonly string[] Companies =
    [
        "Northwind Traders", "Contoso", "Fabrikam", "\"Lee, Park & Associates\"", "Tailspin Toys", "Adventure Works",
        "Woodgrove Bank", "Litware", "Proseware", "Wide World Importers", "Alpine Ski House", "Margie's Travel",
        "Coho Winery", "Trey Research", "Blue Yonder Airlines", "Fourth Coffee", "Wingtip Toys", "Société Générale",
        "\"Smith, Jones & Co.\"", "",
    ];

    private static readonly string[] Positions =
    [
        "Software Engineer", "Senior Software Engineer", "Engineering Manager", "Product Manager", "Product Designer",
        "\"VP, Sales\"", "Data Scientist", "Technical Recruiter", "Head of People", "CTO", "Founder & CEO",
        "Staff Engineer", "\"Director, Customer Success\"", "Marketing Lead", "Consultant", "",
    ];

    /// <summary>Writes <paramref name="rows"/> connections to <paramref name="path"/> (seeded, so always the same file).</summary>
    public static void Write(string path, int rows = LinkedInConnectionCap, int seed = 20240214)
    {
        var random = new Random(seed);
        var text = new StringBuilder(Preamble, rows * 140);
        var start = new DateOnly(2010, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            if (random.Next(200) == 0)
            {
                last += " 🚀";
            }

            var slug = $"{first}-{last}-{i:x5}".ToLowerInvariant().Replace(' ', '-').Replace("'", "", StringComparison.Ordinal);
            var url = "https://www.linkedin.com/in/" + Uri.EscapeDataString(slug);
            var email = random.Next(50) == 0 ? $"person{i}@example.com" : "";
            var date = start.AddDays(random.Next(15 * 365)).ToString("dd MMM yyyy", CultureInfo.InvariantCulture);
            text.Append(first).Append(',').Append(last).Append(',').Append(url).Append(',').Append(email).Append(',')
                .Append(Companies[random.Next(Companies.Length)]).Append(',')
                .Append(Positions[random.Next(Positions.Length)]).Append(',')
                .Append(date).Append("\r\n");
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
