using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Core.Tests.Import.Archive;

public sealed class HostileArchiveTests
{
    private const string NoConnections =
        "The ZIP has no Connections.csv in it, so it is not LinkedIn's data download or it was made without your connections; " +
        "download your data again from LinkedIn (Settings, Data privacy, Get a copy of your data) and upload the ZIP as it is, or the Connections.csv file from it.";

    [Fact]
    public void Refuses_a_zip_bomb_by_the_bytes_it_really_unpacks_to()
    {
        var bomb = new Archives()
            .Add("Connections.csv", Archives.ConnectionsCsv)
            .Add("messages.csv", new byte[8 * 1024 * 1024])
            .Build();

        var rejection = Archives.Reject(bomb);

        Assert.Equal(ImportRejectionKind.Malformed, rejection.Kind);
        AssertOneSentence(rejection);
        Assert.StartsWith("The ZIP's messages.csv unpacks to far more than its packed size (a ZIP bomb", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_bomb_whose_headers_claim_a_small_size_no_further_than_the_claim()
    {
        var zip = new Archives()
            .Add("Connections.csv", Archives.ConnectionsCsv)
            .Add("messages.csv", new byte[8 * 1024 * 1024])
            .Build();
        ClaimUncompressedSize(zip, "messages.csv", 100);

        var result = Archives.Import(zip);

        // The 100 bytes claimed are read and hold no header; the 8 MB behind them are never unpacked.
        Assert.Equal(4, result.Connections.Count);
        Assert.Equal(["Connections.csv"], result.FilesRead);
        Assert.Contains(result.Warnings, w => w.StartsWith("messages.csv has no header", StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_a_connections_csv_bomb()
    {
        var bomb = new Archives()
            .Add("Connections.csv", [.. Encoding.UTF8.GetBytes(Archives.ConnectionsCsv), .. new byte[8 * 1024 * 1024]])
            .Build();

        var rejection = Archives.Reject(bomb);

        Assert.StartsWith("The ZIP's Connections.csv unpacks to far more than its packed size", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_archive_that_unpacks_to_more_than_the_total_limit()
    {
        var rejection = Archives.Complete().Reject(new LinkedInImportOptions { MaxArchiveUncompressedBytes = 1500 });

        Assert.Equal(ImportRejectionKind.TooLarge, rejection.Kind);
        Assert.StartsWith("The ZIP unpacks to more than", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_evidence_file_over_the_size_limit()
    {
        var rejection = Archives.Complete().Reject(new LinkedInImportOptions { MaxArchiveEntryBytes = 1024 });

        Assert.Equal(ImportRejectionKind.TooLarge, rejection.Kind);
        Assert.StartsWith("The ZIP's messages.csv unpacks to more than", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_connections_csv_over_the_file_size_limit()
    {
        var rejection = Archives.Complete().Reject(new LinkedInImportOptions { MaxFileBytes = 100 });

        Assert.Equal(ImportRejectionKind.TooLarge, rejection.Kind);
        Assert.StartsWith("The ZIP's Connections.csv unpacks to more than", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_archive_over_the_archive_size_limit_even_from_a_stream_that_cannot_seek()
    {
        var options = new LinkedInImportOptions { MaxArchiveBytes = 1000 };
        using var stream = new Archives.NonSeekableStream(Archives.Complete().Build());

        var rejection = Assert.Throws<ImportRejectedException>(() => LinkedInConnectionsImporter.Import(stream, options));

        Assert.Equal(ImportRejectionKind.TooLarge, rejection.Kind);
        Assert.StartsWith("The ZIP is larger than", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_archive_with_too_many_entries()
    {
        var archive = new Archives().Add("Connections.csv", Archives.ConnectionsCsv);
        for (var i = 0; i < 20; i++)
        {
            archive.Add($"junk/{i}.txt", "x");
        }

        var rejection = archive.Reject(new LinkedInImportOptions { MaxArchiveEntries = 10 });

        Assert.StartsWith("The ZIP lists more than 10 files", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../Connections.csv")]
    [InlineData("/etc/Connections.csv")]
    [InlineData("..\\..\\Connections.csv")]
    [InlineData("C:\\Windows\\Connections.csv")]
    public void Reads_entries_with_path_tricks_by_file_name_and_never_writes_them(string name)
    {
        var before = Directory.GetFiles(Path.GetTempPath(), "Connections.csv", SearchOption.TopDirectoryOnly).Length;

        var result = new Archives()
            .Add(name, Archives.ConnectionsCsv)
            .Add("../messages.csv", Archives.MessagesCsv)
            .Import();

        Assert.Equal(4, result.Connections.Count);
        Assert.Equal(["Connections.csv", "messages.csv"], result.FilesRead);
        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), "Connections.csv", SearchOption.TopDirectoryOnly).Length);
    }

    [Fact]
    public void Does_not_open_a_zip_inside_the_zip()
    {
        var inner = Archives.Complete().Build();

        var rejection = new Archives().Add("export.zip", inner).Add("README.txt", "hello").Reject();

        Assert.Equal(NoConnections, rejection.Message);
    }

    [Fact]
    public void Ignores_a_nested_zip_beside_connections_csv()
    {
        var inner = new Archives().Add("messages.csv", Archives.MessagesCsv).Build();

        var result = new Archives().Add("Connections.csv", Archives.ConnectionsCsv).Add("more.zip", inner).Import();

        Assert.Equal(["Connections.csv"], result.FilesRead);
        Assert.Empty(result.Evidence!);
    }

    [Fact]
    public void Refuses_an_empty_connections_csv_with_the_likely_reason()
    {
        var rejection = new Archives().Add("Connections.csv", []).Add("messages.csv", Archives.MessagesCsv).Reject();

        Assert.Equal(ImportRejectionKind.Empty, rejection.Kind);
        Assert.Equal(
            "The ZIP's Connections.csv is empty (0 bytes): LinkedIn's first, quick archive can come before your connections are ready; " +
            "upload the complete archive LinkedIn emails about a day later, as it is.",
            rejection.Message);
    }

    [Fact]
    public void Refuses_a_zip_of_pictures_with_one_sentence()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

        var rejection = new Archives().Add("holiday/1.png", png).Add("holiday/2.png", png).Reject();

        Assert.Equal(ImportRejectionKind.NoHeader, rejection.Kind);
        Assert.Equal(NoConnections, rejection.Message);
    }

    [Fact]
    public void Refuses_an_empty_zip_as_having_no_connections()
    {
        Assert.Equal(NoConnections, new Archives().Reject().Message);
    }

    [Fact]
    public void Refuses_a_damaged_zip()
    {
        var zip = Archives.Complete().Build();

        var rejection = Archives.Reject(zip[..(zip.Length / 2)]);

        Assert.Equal(ImportRejectionKind.NotText, rejection.Kind);
        Assert.StartsWith("The file is a ZIP archive or Excel workbook that cannot be opened (damaged or cut off)", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_excel_workbook_by_name()
    {
        var workbook = new Archives().Add("[Content_Types].xml", "<Types/>").Add("xl/workbook.xml", "<workbook/>").Reject();

        Assert.StartsWith("The file is an Excel workbook, not LinkedIn's data download", workbook.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_another_export_named_connections_csv_inside_the_zip_saying_why()
    {
        var rejection = new Archives().Add("Connections.csv", Archives.MessagesCsv).Reject();

        Assert.Equal(ImportRejectionKind.OtherLinkedInExport, rejection.Kind);
        Assert.StartsWith("The ZIP's Connections.csv cannot be used. This is LinkedIn's messages.csv export", rejection.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_the_shallowest_of_two_connections_csv_with_a_warning()
    {
        var result = new Archives()
            .Add("old/Connections.csv", Exports.Current("Zed,Zero,https://www.linkedin.com/in/zed,,,,1 Jan 2020"))
            .Add("Connections.csv", Archives.ConnectionsCsv)
            .Import();

        Assert.Equal(4, result.Connections.Count);
        Assert.Contains("The ZIP has 2 files named Connections.csv; the one nearest the top was read.", result.Warnings);
    }

    private static void AssertOneSentence(ImportRejectedException rejection)
    {
        Assert.DoesNotContain("\n", rejection.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", rejection.Message, StringComparison.Ordinal);
        Assert.EndsWith(".", rejection.Message, StringComparison.Ordinal);
    }

    /// <summary>Rewrites the uncompressed size a ZIP's local and central headers give for an entry.</summary>
    private static void ClaimUncompressedSize(byte[] zip, string name, uint size)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50 && zip.AsSpan(i + 30, nameBytes.Length).SequenceEqual(nameBytes))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), size);
            }
            else if (signature == 0x02014b50 && zip.AsSpan(i + 46, nameBytes.Length).SequenceEqual(nameBytes))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), size);
            }
        }
    }
}
