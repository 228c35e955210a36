using System.Text;
using System.Text.Json;
using GoodwillFlow.Cli.Commands;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Cli.Tests.Import;

public class ImportJsonTests
{
    // Everything JSON must escape (a quote, a backslash, a tab and a line break inside quoted values), what it must
    // not (emoji, accents, an ampersand, a right-to-left mark), a value the reader decodes (doubled quotes), values
    // trimmed of a no-break space, absent values and an unreadable date.
    private const string Export =
        CurrentExport.Start +
        "Olu,Adeyemi 🚀,https://www.linkedin.com/in/olu-adeyemi,,\"Lee, Park & Associates\",Founder & CEO,11 Apr 2023\n" +
        "Chris,\"\"\"CJ\"\" Johnson\",https://www.linkedin.com/in/cj-johnson,cj@example.com,C:\\Wingtip\\Toys,\"Sales\tEngineer\",someday\n" +
        "\u00A0Sofía\u00A0,Hernández\u200F,https://www.linkedin.com/in/sof%C3%ADa,,\"Fabrikam\nLabs\",,28-Nov-23\n" +
        ",Prince,https://www.linkedin.com/in/prince,,,,\n";

    [Fact]
    public void The_json_written_from_the_export_text_is_the_json_of_the_connections_made_from_it()
    {
        var imported = LinkedInConnectionsImporter.Import(new MemoryStream(Encoding.UTF8.GetBytes(Export)));
        Assert.IsType<ImportedConnections>(imported.Connections);
        var asList = imported with { Connections = imported.Connections.ToList() };

        var fromText = Write(imported);
        var fromConnections = Write(asList);

        Assert.Equal(fromConnections, fromText);
        using var json = JsonDocument.Parse(fromText);
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("\"CJ\" Johnson", items[1].GetProperty("lastName").GetString());
        Assert.Equal("C:\\Wingtip\\Toys", items[1].GetProperty("company").GetString());
        Assert.Equal("Sales\tEngineer", items[1].GetProperty("position").GetString());
        Assert.Equal("Sofía", items[2].GetProperty("firstName").GetString());
        Assert.Equal("Fabrikam\nLabs", items[2].GetProperty("company").GetString());
        Assert.Equal(string.Empty, items[3].GetProperty("firstName").GetString());
        Assert.Equal(JsonValueKind.Null, items[3].GetProperty("company").ValueKind);
        Assert.Contains("\"lastName\":\"Adeyemi 🚀\"", fromText, StringComparison.Ordinal);
        Assert.Contains("\"position\":\"Sales\\tEngineer\"", fromText, StringComparison.Ordinal);
    }

    private static string Write(ImportResult result)
    {
        using var output = new MemoryStream();
        ImportJson.Write(result, output);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
