using System.Text;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Core.Tests.Import;

public class LinkedInConnectionsImporterTests
{
    private const string Ada = "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines Ltd,Programmer,14 Feb 2024";
    private const string Grace = "Grace,Hopper,https://www.linkedin.com/in/grace-hopper-1906,grace@example.com,US Navy,Rear Admiral,7 Jan 2019";

    [Fact]
    public void Reads_current_export_after_the_notes_preamble()
    {
        var result = Exports.Import(Exports.Current(Ada, Grace));

        Assert.Equal(ExportFormat.Current, result.Format);
        Assert.Equal(2, result.Connections.Count);
        var ada = result.Connections[0];
        Assert.Equal("Ada", ada.FirstName);
        Assert.Equal("Lovelace", ada.LastName);
        Assert.Equal("https://www.linkedin.com/in/ada-lovelace", ada.Url);
        Assert.Null(ada.EmailAddress);
        Assert.Equal("Analytical Engines Ltd", ada.Company);
        Assert.Equal("Programmer", ada.Position);
        Assert.Equal(new DateOnly(2024, 2, 14), ada.ConnectedOn);
        Assert.Equal("grace@example.com", result.Connections[1].EmailAddress);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(0, result.Skipped);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Reads_mid_2021_export_that_has_the_preamble_but_no_url_column()
    {
        var text = Exports.Notes + Exports.NoUrlHeader + "\nAda,Lovelace,,Analytical Engines Ltd,Programmer,29 Mar 2021\n";

        var result = Exports.Import(text);

        Assert.Equal(ExportFormat.NoUrl2021, result.Format);
        var ada = Assert.Single(result.Connections);
        Assert.Null(ada.Url);
        Assert.Equal("Analytical Engines Ltd", ada.Company);
        Assert.Equal(new DateOnly(2021, 3, 29), ada.ConnectedOn);
        Assert.True(ConnectionId.IsValid(ada.Id));
    }

    [Fact]
    public void Reads_2020_export_with_no_preamble_and_no_url_column()
    {
        var text = Exports.NoUrlHeader + "\r\nAda,Lovelace,,Analytical Engines Ltd,Programmer,03 Nov 2020\r\n";

        var result = Exports.Import(text);

        Assert.Equal(ExportFormat.Legacy2020, result.Format);
        Assert.Equal(new DateOnly(2020, 11, 3), Assert.Single(result.Connections).ConnectedOn);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16be-bom")]
    public void Reads_utf8_with_or_without_bom_and_utf16_with_bom(string encoding)
    {
        var text = Exports.Current("Zoë,Ñúñez-Łukasiewicz 🚀,https://www.linkedin.com/in/zoe,,Café Ærø,Ingénieure,14 Feb 2024");
        var bytes = encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(text),
            "utf-8-bom" => Exports.WithPreamble(new UTF8Encoding(true), text),
            "utf-16le-bom" => Exports.WithPreamble(Encoding.Unicode, text),
            _ => Exports.WithPreamble(Encoding.BigEndianUnicode, text),
        };

        var zoe = Assert.Single(Exports.Import(bytes).Connections);

        Assert.Equal("Zoë", zoe.FirstName);
        Assert.Equal("Ñúñez-Łukasiewicz 🚀", zoe.LastName);
        Assert.Equal("Café Ærø", zoe.Company);
        Assert.Equal("Ingénieure", zoe.Position);
    }

    [Fact]
    public void Reads_2020_export_with_a_bom_before_the_header()
    {
        var bytes = Exports.WithPreamble(new UTF8Encoding(true), Exports.NoUrlHeader + "\nAda,Lovelace,,Engines,Programmer,14 Feb 2020\n");

        var result = Exports.Import(bytes);

        Assert.Equal(ExportFormat.Legacy2020, result.Format);
        Assert.Equal("Ada", Assert.Single(result.Connections).FirstName);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Reads_lf_and_crlf_line_endings_alike(string newline)
    {
        var text = Exports.Current(Ada, Grace).Replace("\n", newline, StringComparison.Ordinal);

        var result = Exports.Import(text);

        Assert.Equal(2, result.Connections.Count);
        Assert.Equal(new DateOnly(2024, 2, 14), result.Connections[0].ConnectedOn);
        Assert.Equal("Lovelace", result.Connections[0].LastName);
        Assert.Equal("Rear Admiral", result.Connections[1].Position);
    }

    [Theory]
    [InlineData(";")]
    [InlineData("\t")]
    public void Reads_semicolon_and_tab_separated_resaves(string separator)
    {
        string[] header = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"];
        string[] ada = ["Ada", "Lovelace", "https://www.linkedin.com/in/ada", "", "Analytical Engines Ltd", "Programmer", "14-Feb-24"];
        string[] jean = ["Jean", "Dupont", "https://fr.linkedin.com/in/jean", "", "\"Société; Générale\"", "Analyste, Risques", "7-Feb-22"];
        var text = Exports.Notes + string.Join("\r\n", new[] { header, ada, jean }.Select(row => string.Join(separator, row))) + "\r\n";

        var result = Exports.Import(text);

        Assert.Equal(ExportFormat.Current, result.Format);
        Assert.Equal(2, result.Connections.Count);
        Assert.Equal("Analytical Engines Ltd", result.Connections[0].Company);
        Assert.Equal("Société; Générale", result.Connections[1].Company);
        Assert.Equal("Analyste, Risques", result.Connections[1].Position);
        Assert.Equal(new DateOnly(2022, 2, 7), result.Connections[1].ConnectedOn);
    }

    [Fact]
    public void Reads_a_preamble_padded_with_commas_by_a_spreadsheet_resave()
    {
        var text =
            "Notes:,,,,,,\r\n" +
            "\"When exporting your connection data, you may notice that some of the email addresses are missing.\",,,,,,\r\n" +
            ",,,,,,\r\n" +
            Exports.CurrentHeader + "\r\n" +
            "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines Ltd,Programmer,14-Feb-24\r\n";

        var result = Exports.Import(text);

        Assert.Equal(ExportFormat.Current, result.Format);
        var ada = Assert.Single(result.Connections);
        Assert.Equal(new DateOnly(2024, 2, 14), ada.ConnectedOn);
        Assert.Equal(0, result.Skipped);
    }

    [Theory]
    [InlineData("14 Feb 2024", 2024, 2, 14)]
    [InlineData("7-Feb-22", 2022, 2, 7)]
    [InlineData("29-Mar-21", 2021, 3, 29)]
    [InlineData("03 Nov 2020", 2020, 11, 3)]
    public void Reads_linkedin_and_spreadsheet_date_forms(string exported, int year, int month, int day)
    {
        var result = Exports.Import(Exports.Current($"Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Programmer,{exported}"));

        Assert.Equal(new DateOnly(year, month, day), Assert.Single(result.Connections).ConnectedOn);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Keeps_an_unreadable_date_as_null_with_a_counted_warning_that_holds_no_personal_data()
    {
        var result = Exports.Import(Exports.Current(
            "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Programmer,sometime in Lovelace spring",
            "Grace,Hopper,https://www.linkedin.com/in/grace,,Navy,Admiral,31 Feb 2024",
            Grace.Replace("grace-hopper-1906", "other", StringComparison.Ordinal)));

        Assert.Equal(3, result.Connections.Count);
        Assert.Null(result.Connections[0].ConnectedOn);
        Assert.Null(result.Connections[1].ConnectedOn);
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("2 rows", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("Lovelace", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("Feb", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_quoted_commas_doubled_quotes_and_emoji_exactly_as_exported()
    {
        var result = Exports.Import(Exports.Current(
            "\"Mary-Jane \"\"MJ\"\"\",O'Neil 🎉,https://www.linkedin.com/in/mj,,\"Smith, Jones & Co.\",\"VP, Sales \"\"EMEA\"\"\",1 Jan 2023"));

        var mj = Assert.Single(result.Connections);
        Assert.Equal("Mary-Jane \"MJ\"", mj.FirstName);
        Assert.Equal("O'Neil 🎉", mj.LastName);
        Assert.Equal("Smith, Jones & Co.", mj.Company);
        Assert.Equal("VP, Sales \"EMEA\"", mj.Position);
    }

    [Fact]
    public void Trims_only_surrounding_whitespace_and_reads_empty_optional_fields_as_null()
    {
        var result = Exports.Import(Exports.Current(
            "  Ada  ,\tLovelace ,https://www.linkedin.com/in/ada,  ,  Analytical  Engines  ,,14 Feb 2024"));

        var ada = Assert.Single(result.Connections);
        Assert.Equal("Ada", ada.FirstName);
        Assert.Equal("Lovelace", ada.LastName);
        Assert.Equal("Analytical  Engines", ada.Company);
        Assert.Null(ada.EmailAddress);
        Assert.Null(ada.Position);
    }

    [Fact]
    public void Keeps_a_percent_encoded_profile_url_as_exported()
    {
        var result = Exports.Import(Exports.Current(
            "José,García,https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa-1a2b3c,,Telefónica,Ingeniero,2 Mar 2022"));

        Assert.Equal("https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa-1a2b3c", Assert.Single(result.Connections).Url);
    }

    [Fact]
    public void Skips_and_counts_hidden_profiles_and_blank_rows()
    {
        var result = Exports.Import(Exports.Current(
            Ada,
            ",,,,,,",
            "",
            ",,,,Some Company,Some Role,1 Jan 2020",
            "   ,  ,,,,,",
            Grace));

        Assert.Equal(2, result.Connections.Count);
        Assert.Equal(4, result.Skipped);
        Assert.Equal(0, result.Duplicates);
    }

    [Fact]
    public void Keeps_a_row_with_a_url_but_no_name()
    {
        var result = Exports.Import(Exports.Current(",,https://www.linkedin.com/in/anon,,,,1 Jan 2020", Ada));

        Assert.Equal(2, result.Connections.Count);
        Assert.Equal(string.Empty, result.Connections[0].FirstName);
        Assert.Equal(string.Empty, result.Connections[0].DisplayName);
    }

    [Fact]
    public void Drops_and_counts_duplicates_of_the_same_profile_url_after_normalisation()
    {
        var result = Exports.Import(Exports.Current(
            "José,García,https://www.linkedin.com/in/jos%C3%A9-garcia,,A,B,1 Jan 2020",
            "José,García,https://www.linkedin.com/in/josé-garcia/,,A,B,1 Jan 2020",
            "José,García,HTTPS://WWW.LinkedIn.com/in/jos%c3%a9-garcia,,A,B,1 Jan 2020",
            "José,García,http://linkedin.com/in/jos%C3%A9-garcia?trk=people,,A,B,1 Jan 2020",
            "Jose,Garcia,https://uk.linkedin.com/in/jos%C3%A9-garcia/,,Other,Other,2 Feb 2021"));

        var jose = Assert.Single(result.Connections);
        Assert.Equal("https://www.linkedin.com/in/jos%C3%A9-garcia", jose.Url);
        Assert.Equal(4, result.Duplicates);
    }

    [Fact]
    public void Treats_the_same_name_with_different_urls_as_two_people()
    {
        var result = Exports.Import(Exports.Current(
            "John,Smith,https://www.linkedin.com/in/john-smith-1,,Acme,Engineer,1 Jan 2020",
            "John,Smith,https://www.linkedin.com/in/john-smith-2,,Acme,Engineer,1 Jan 2020"));

        Assert.Equal(2, result.Connections.Count);
        Assert.NotEqual(result.Connections[0].Id, result.Connections[1].Id);
        Assert.Equal(0, result.Duplicates);
    }

    [Fact]
    public void Drops_identical_rows_when_the_export_has_no_url_column()
    {
        var text = Exports.Notes + Exports.NoUrlHeader + "\n" +
            "John,Smith,,Acme,Engineer,1 Jan 2020\n" +
            "John,Smith,,Acme,Engineer,1 Jan 2020\n" +
            "John,Smith,,Acme,Manager,1 Jan 2020\n";

        var result = Exports.Import(text);

        Assert.Equal(2, result.Connections.Count);
        Assert.Equal(1, result.Duplicates);
    }

    [Fact]
    public void Keeps_a_person_without_a_url_whose_name_holds_a_noncharacter()
    {
        // U+FFFE is valid UTF-8 but string.Normalize refuses it; the row's id folds the name, so it used to stop the import.
        var text = Exports.Notes + Exports.NoUrlHeader + "\n" +
            "Ana\uFFFE,Lima,,Acme,Engineer,1 Jan 2020\n" +
            "Ana\uFFFE,Lima,,Acme,Engineer,1 Jan 2020\n";

        var result = Exports.Import(text);

        Assert.Equal("Ana\uFFFE", Assert.Single(result.Connections).FirstName);
        Assert.Equal(1, result.Duplicates);
    }

    [Fact]
    public void Gives_the_same_ids_when_a_newer_export_of_the_same_people_is_imported()
    {
        var first = Exports.Import(Exports.Current(
            "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Engines,Programmer,14 Feb 2024"));
        var newer = Exports.Import(Exports.Current(
            "Grace,Hopper,https://www.linkedin.com/in/grace,,Navy,Admiral,1 Jan 2025",
            "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace/,,Difference Engines,Lead Programmer,14 Feb 2024"));

        Assert.Equal(first.Connections[0].Id, newer.Connections[1].Id);
        Assert.Equal(ConnectionId.FromText("linkedin.com/in/ada-lovelace"), first.Connections[0].Id);
    }

    [Fact]
    public void Gives_rows_without_urls_the_same_ids_after_a_spreadsheet_resave()
    {
        var exported = Exports.Import(Exports.Notes + Exports.NoUrlHeader + "\nAda,Lovelace,,Engines,Programmer,14 Feb 2024\n");
        var resaved = Exports.Import(Exports.NoUrlHeader.Replace(',', ';') + "\r\nAda;LOVELACE;;Engines;Programmer;14-Feb-24\r\n");

        Assert.Equal(exported.Connections[0].Id, resaved.Connections[0].Id);
        Assert.True(ConnectionId.IsValid(exported.Connections[0].Id));
    }
}
