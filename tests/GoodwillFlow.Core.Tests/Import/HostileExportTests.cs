using System.Text;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Core.Tests.Import;

/// <summary>Exports shaped by accident or on purpose in ways LinkedIn never writes them (issue 8, defects 6 and 8).</summary>
public class HostileExportTests
{
    private const string Ada = "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Programmer,14 Feb 2024";
    private const string Grace = "Grace,Hopper,https://www.linkedin.com/in/grace,,Navy,Admiral,1 Jan 2020";

    [Fact]
    public void Skips_and_counts_the_header_of_a_second_export_concatenated_below_the_first()
    {
        var text = Exports.Current(Ada) + Exports.Current(Grace);

        var result = Exports.Import(text);

        Assert.Equal(["Ada", "Grace"], result.Connections.Select(c => c.FirstName));
        Assert.Equal(1, result.RepeatedHeaders);
        Assert.Contains(result.Warnings, w => w.Contains("header row", StringComparison.Ordinal) && w.Contains('1', StringComparison.Ordinal));
    }

    [Fact]
    public void Skips_headers_a_spreadsheet_repeats_on_every_page_whatever_their_case_and_quoting()
    {
        var text = Exports.Current(
            Ada,
            "\"First Name\",\"Last Name\",\"URL\",\"Email Address\",\"Company\",\"Position\",\"Connected On\"",
            Grace,
            "FIRST NAME , last name,url,email address,company,position,connected on");

        var result = Exports.Import(text);

        Assert.Equal(["Ada", "Grace"], result.Connections.Select(c => c.FirstName));
        Assert.Equal(2, result.RepeatedHeaders);
        Assert.Equal(0, result.Skipped);
    }

    [Fact]
    public void A_person_really_named_first_name_with_a_profile_url_is_kept()
    {
        var text = Exports.Current(Ada, "First Name,Last Name,https://www.linkedin.com/in/oddly-named,,Acme,CTO,1 Jan 2020");

        var result = Exports.Import(text);

        Assert.Equal(2, result.Connections.Count);
        Assert.Equal(0, result.RepeatedHeaders);
    }

    [Fact]
    public void Reads_cr_only_line_endings_of_old_mac_exports()
    {
        var text = Exports.Current(Ada, Grace).Replace("\n", "\r", StringComparison.Ordinal);

        var result = Exports.Import(text);

        Assert.Equal(ExportFormat.Current, result.Format);
        Assert.Equal(["Ada", "Grace"], result.Connections.Select(c => c.FirstName));
        Assert.Equal(new DateOnly(2024, 2, 14), result.Connections[0].ConnectedOn);
    }

    [Fact]
    public void Keeps_a_line_break_inside_a_quoted_value_of_a_cr_only_file()
    {
        var text = Exports.Current("Ada,Lovelace,https://www.linkedin.com/in/ada,,\"Engines\nand Looms\",Programmer,14 Feb 2024", Grace)
            .Replace("\n", "\r", StringComparison.Ordinal);

        var result = Exports.Import(text);

        Assert.Equal(2, result.Connections.Count);
        Assert.Equal("Engines\nand Looms", result.Connections[0].Company);
    }

    [Fact]
    public void Refuses_a_header_row_longer_than_4_kb_saying_so()
    {
        var header = Exports.CurrentHeader + "," + string.Join(",", Enumerable.Range(0, 600).Select(i => $"Extra {i}"));
        var text = Exports.Notes + header + "\n" + Ada + "\n";

        var rejection = Exports.Reject(text);

        Assert.Equal(ImportRejectionKind.Malformed, rejection.Kind);
        Assert.Contains("longer than 4 KB", rejection.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("No connections header", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_file_whose_top_is_one_long_line_as_not_line_based()
    {
        var text = string.Join(",", Enumerable.Range(0, 2000).Select(i => $"value {i}"));

        var rejection = Exports.Reject(text);

        Assert.Contains("longer than 4 KB", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_file_cut_off_inside_a_quoted_value_as_malformed()
    {
        var text = Exports.Current(Ada, "Grace,Hopper,https://www.linkedin.com/in/grace,,\"Navy, Unit");

        var rejection = Exports.Reject(text.TrimEnd('\n'));

        Assert.Equal(ImportRejectionKind.Malformed, rejection.Kind);
    }

    [Fact]
    public void Refuses_a_file_cut_off_mid_row_rather_than_importing_part_of_it()
    {
        var text = Exports.Current(Ada, Grace) + "Alan,Turing,https://www.linkedin.com/in/al";

        var rejection = Exports.Reject(text);

        Assert.Equal(ImportRejectionKind.Malformed, rejection.Kind);
        Assert.Contains("cut off", rejection.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Turing", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_complete_last_row_without_a_final_line_break()
    {
        var text = Exports.Current(Ada, Grace).TrimEnd('\n');

        Assert.Equal(2, Exports.Import(text).Connections.Count);
    }

    [Fact]
    public void Reads_windows_1252_and_warns_about_it()
    {
        var bytes = CodePages().GetBytes(Exports.Current("Zoë,Müller,https://www.linkedin.com/in/zoe,,Café Ltd,Chef,1 Jan 2020"));

        var result = Exports.Import(bytes);

        Assert.Equal("Zoë", result.Connections[0].FirstName);
        Assert.Contains(result.Warnings, w => w.Contains("Windows-1252", StringComparison.Ordinal));
    }

    private static Encoding CodePages() => CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
}
