using System.Text;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Core.Tests.Import;

public class ImportRejectionTests
{
    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { (byte)' ', (byte)'\r', (byte)'\n', (byte)'\n' })]
    public void Rejects_an_empty_file(byte[] bytes)
    {
        var rejection = Exports.Reject(bytes);

        Assert.Equal(ImportRejectionKind.Empty, rejection.Kind);
        Assert.Contains("empty", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rejects_a_header_with_no_rows(bool withPreamble)
    {
        var text = (withPreamble ? Exports.Notes : string.Empty) + Exports.CurrentHeader + "\n";

        var rejection = Exports.Reject(text);

        Assert.Equal(ImportRejectionKind.NoRows, rejection.Kind);
        Assert.Contains("no connections", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_header_followed_only_by_hidden_profiles()
    {
        var rejection = Exports.Reject(Exports.Current(",,,,,,", ",,,,Acme,,1 Jan 2020"));

        Assert.Equal(ImportRejectionKind.NoRows, rejection.Kind);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "PNG picture")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46 }, "JPEG picture")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0 }, "ZIP archive")]
    public void Rejects_a_picture_or_archive_renamed_csv(byte[] bytes, string named)
    {
        var rejection = Exports.Reject([.. bytes, .. Encoding.UTF8.GetBytes(Exports.CurrentHeader)]);

        Assert.Equal(ImportRejectionKind.NotText, rejection.Kind);
        Assert.Contains(named, rejection.Message, StringComparison.Ordinal);
        Assert.Contains("Connections.csv", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_binary_file_with_nul_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes(Exports.Current("Ada,Lovelace,https://www.linkedin.com/in/ada,,A,B,1 Jan 2020"));
        bytes[^5] = 0;

        var rejection = Exports.Reject(bytes);

        Assert.Equal(ImportRejectionKind.NotText, rejection.Kind);
    }

    [Fact]
    public void Rejects_messages_export_with_a_clear_reason()
    {
        var text = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n" +
            "2-abc,,Ada Lovelace,https://www.linkedin.com/in/ada,Grace Hopper,https://www.linkedin.com/in/grace,2024-02-14 10:00:00 UTC,,Hello Grace,INBOX\n";

        var rejection = Exports.Reject(text);

        Assert.Equal(ImportRejectionKind.OtherLinkedInExport, rejection.Kind);
        Assert.Equal(
            "This is LinkedIn's messages.csv export, not your connections; upload Connections.csv from the same LinkedIn data download instead, or the whole download's ZIP as it is.",
            rejection.Message);
    }

    [Fact]
    public void Rejects_invitations_export_naming_connections_csv_as_the_file_to_upload()
    {
        var text = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n" +
            "Ada Lovelace,Grace Hopper,\"2/14/24, 10:00 AM\",,OUTGOING,https://www.linkedin.com/in/ada,https://www.linkedin.com/in/grace\n";

        var rejection = Exports.Reject(text);

        Assert.Equal(ImportRejectionKind.OtherLinkedInExport, rejection.Kind);
        Assert.Contains("Invitations.csv", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("upload Connections.csv", rejection.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Grace", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_profile_export_although_it_has_first_and_last_name_columns()
    {
        var text = "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location\n" +
            "Ada,Lovelace,,,,Programmer,,Computing,,London\n";

        Assert.Equal(ImportRejectionKind.OtherLinkedInExport, Exports.Reject(text).Kind);
    }

    [Fact]
    public void Rejects_a_csv_without_a_connections_header()
    {
        var text = "Name,Email,Phone\nAda Lovelace,ada@example.com,+44 20 7946 0000\n";

        var rejection = Exports.Reject(text);

        Assert.Equal(ImportRejectionKind.NoHeader, rejection.Kind);
        Assert.DoesNotContain("ada@example.com", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_header_buried_below_the_lines_searched()
    {
        var text = string.Concat(Enumerable.Repeat("Notes:\n", HeaderLocatorLines + 1)) + Exports.CurrentHeader + "\nAda,Lovelace,,,,,\n";

        Assert.Equal(ImportRejectionKind.NoHeader, Exports.Reject(text).Kind);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rejects_a_file_over_the_size_limit(bool seekable)
    {
        var bytes = Encoding.UTF8.GetBytes(Exports.Current(Enumerable.Range(0, 200)
            .Select(i => $"Person,{i},https://www.linkedin.com/in/p-{i},,Acme,Engineer,1 Jan 2020").ToArray()));
        var options = new LinkedInImportOptions { MaxFileBytes = 4096 };
        using Stream stream = seekable ? new MemoryStream(bytes) : new NonSeekableStream(bytes);

        var rejection = Assert.Throws<ImportRejectedException>(() => LinkedInConnectionsImporter.Import(stream, options));

        Assert.Equal(ImportRejectionKind.TooLarge, rejection.Kind);
    }

    [Fact]
    public void Reads_a_non_seekable_stream_under_the_limit()
    {
        var bytes = Encoding.UTF8.GetBytes(Exports.Current("Ada,Lovelace,https://www.linkedin.com/in/ada,,A,B,1 Jan 2020"));
        using var stream = new NonSeekableStream(bytes);

        Assert.Single(LinkedInConnectionsImporter.Import(stream).Connections);
    }

    [Fact]
    public void Rejects_a_quoted_value_that_is_never_closed()
    {
        var rejection = Exports.Reject(Exports.Current(
            "Ada,Lovelace,https://www.linkedin.com/in/ada,,\"Engines,Programmer,1 Jan 2020",
            "Grace,Hopper,https://www.linkedin.com/in/grace,,Navy,Admiral,1 Jan 2020"));

        Assert.Equal(ImportRejectionKind.Malformed, rejection.Kind);
    }

    [Fact]
    public void Rejects_a_row_longer_than_the_record_limit()
    {
        var options = new LinkedInImportOptions { MaxRecordBytes = 1024 };
        var text = Exports.Current($"Ada,Lovelace,https://www.linkedin.com/in/ada,,{new string('x', 2000)},B,1 Jan 2020");

        var rejection = Exports.Reject(Encoding.UTF8.GetBytes(text), options);

        Assert.Equal(ImportRejectionKind.Malformed, rejection.Kind);
    }

    private const int HeaderLocatorLines = 30;

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
