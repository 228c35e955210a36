using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GoodwillFlow.Core.Import;
using GoodwillFlow.Testing;
using GoodwillFlow.Testing.Azurite;
using GoodwillFlow.Testing.Exports;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Uploads;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GoodwillFlow.Workflow.Tests.Uploads;

/// <summary>
/// Files a hostile or careless user uploads, through the upload handler against real blobs in Azurite (issue 8, "Hostile
/// uploads"). Each must end in a campaign with exactly the people in the file, or a refusal with a specific reason and
/// nothing stored: never an exception, never part of a file imported. docs/reliability.md counts these cases.
/// </summary>
public sealed class HostileUploadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Owner = "owner@example.com";
    private const string Header = ConnectionsExport.Header;
    private const string Preamble = ConnectionsExport.Preamble;
    private const string Ada = "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Programmer,14 Feb 2024";
    private const string Grace = "Grace,Hopper,https://www.linkedin.com/in/grace,,Navy,Admiral,1 Jan 2020";
    private const string Alan = "Alan,Turing,https://www.linkedin.com/in/alan,,Bletchley,Researcher,23 Jun 2012";

    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));
    private readonly InMemoryCampaignStore _store = new();
    private readonly InMemoryCampaignFiles _files = new();
    private readonly RecordingEmailSender _email = new();
    private readonly FakeDurableTaskClient _durable = new();
    private readonly ListLogger<ConnectionsUploadHandler> _logger = new();
    private readonly string _container = AzuriteFixture.UniqueName("hostile");

    private CancellationToken Ct => _timeout.Token;

    /// <summary>The hostile files: a name, the bytes, and what the owner must be told (a reason) or get (people).</summary>
    public static TheoryData<string> Cases => new(HostileFiles.All.Keys);

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_hostile_file_is_imported_whole_or_refused_with_its_reason(string name)
    {
        var file = HostileFiles.All[name];
        var blob = await UploadAsync($"{name}.csv", file.Bytes);

        var outcome = await Handler().HandleAsync(blob, _durable, Ct);

        if (file.Reason is not null)
        {
            Assert.Equal(UploadOutcomeKind.Rejected, outcome.Kind);
            Assert.Contains(file.Reason, outcome.Reason, StringComparison.Ordinal);
            Assert.Equal(outcome.Reason, Encoding.UTF8.GetString(Assert.Single(_files.Blobs).Value));
            Assert.Empty(await _store.ListCampaignsAsync(Ct));
            Assert.Empty(_durable.Scheduled);
            Assert.Single(_email.Sent);
        }
        else
        {
            Assert.Equal(UploadOutcomeKind.Started, outcome.Kind);
            var people = (await _store.GetConnectionsAsync(outcome.CampaignId!, Ct)).Select(c => c.Connection.FirstName).Order();
            Assert.Equal(file.People!.Order(), people);
            Assert.Single(_durable.Scheduled);
        }

        Assert.All(_logger.Entries, e => Assert.DoesNotContain("Lovelace", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_suite_has_at_least_40_hostile_files() => Assert.True(HostileFiles.All.Count >= 40, $"{HostileFiles.All.Count} files");

    [Fact]
    public async Task A_100_mb_upload_is_refused_before_it_is_downloaded()
    {
        var blob = new DownloadCountingBlobClient(azurite.ConnectionString, _container, "huge.csv");
        await new BlobContainerClient(azurite.ConnectionString, _container).CreateIfNotExistsAsync(cancellationToken: Ct);
        await using (var zeros = new RepeatingStream(Encoding.UTF8.GetBytes(Preamble + Header + "\n" + Ada + "\n"), 100L * 1024 * 1024))
        {
            await blob.UploadAsync(zeros, new BlobUploadOptions { TransferOptions = new Azure.Storage.StorageTransferOptions { MaximumConcurrency = 1 } }, Ct);
        }

        var outcome = await Handler().HandleAsync(blob, _durable, Ct);

        Assert.Equal(UploadOutcomeKind.Rejected, outcome.Kind);
        Assert.Contains("larger than 20 MB", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(0, blob.Downloads);
        Assert.Empty(await _store.ListCampaignsAsync(Ct));
    }

    [Theory]
    [InlineData("../../../etc/passwd.csv")]
    [InlineData("a/../../b/../c.csv")]
    [InlineData("..%2F..%2Fsecret.csv")]
    [InlineData("con\u0000nections.csv")]
    [InlineData("rejected/looks-like-a-reason.csv")]
    public async Task A_blob_name_with_path_tricks_is_handled_on_its_own_without_an_exception(string name)
    {
        await new BlobContainerClient(azurite.ConnectionString, _container).CreateIfNotExistsAsync(cancellationToken: Ct);
        var blob = new BlobClient(azurite.ConnectionString, _container, name);
        try
        {
            await blob.UploadAsync(new BinaryData(ConnectionsExport.Of(ConnectionsExport.People(2))), Ct);
        }
        catch (Azure.RequestFailedException)
        {
            // Storage itself refused the name; the handler is still asked about it below, as a stray event would.
        }

        var outcome = await Handler().HandleAsync(blob, _durable, Ct);

        Assert.True(outcome.Kind is UploadOutcomeKind.Started or UploadOutcomeKind.Rejected, outcome.ToString());
        if (outcome.Kind == UploadOutcomeKind.Rejected)
        {
            Assert.False(string.IsNullOrWhiteSpace(outcome.Reason));
            Assert.Empty(await _store.ListCampaignsAsync(Ct));
        }
        else
        {
            Assert.Equal(2, (await _store.GetConnectionsAsync(outcome.CampaignId!, Ct)).Count);
        }
    }

    [Fact]
    public async Task The_same_file_uploaded_twice_at_once_makes_one_campaign_with_everyone_once()
    {
        var content = ConnectionsExport.Of(ConnectionsExport.People(50));
        var first = await UploadAsync("Connections.csv", content);
        var second = await UploadAsync("Connections (1).csv", content);

        var outcomes = await Task.WhenAll(
            Task.Run(() => Handler().HandleAsync(first, _durable, Ct)),
            Task.Run(() => Handler().HandleAsync(second, _durable, Ct)));

        Assert.All(outcomes, o => Assert.NotEqual(UploadOutcomeKind.Rejected, o.Kind));
        var campaign = Assert.Single(await _store.ListCampaignsAsync(Ct));
        Assert.All(outcomes, o => Assert.Equal(campaign.CampaignId, o.CampaignId));
        Assert.Equal(50, (await _store.GetConnectionsAsync(campaign.CampaignId, Ct)).Count);
        Assert.Single(_durable.Scheduled.Select(s => s.InstanceId).Distinct());
    }

    [Fact]
    public async Task Two_owners_files_at_once_make_two_campaigns_each_with_only_its_own_people()
    {
        var mine = await UploadAsync("mine.csv", ConnectionsExport.Of(ConnectionsExport.People(30)));
        var theirs = await UploadAsync(
            "theirs.csv",
            ConnectionsExport.Of(ConnectionsExport.People(20, first: 1000)),
            new Dictionary<string, string> { ["owneremail"] = "someone.else@example.com" });

        var outcomes = await Task.WhenAll(
            Task.Run(() => Handler().HandleAsync(mine, _durable, Ct)),
            Task.Run(() => Handler().HandleAsync(theirs, _durable, Ct)));

        Assert.All(outcomes, o => Assert.Equal(UploadOutcomeKind.Started, o.Kind));
        Assert.NotEqual(outcomes[0].CampaignId, outcomes[1].CampaignId);
        var myPeople = await _store.GetConnectionsAsync(outcomes[0].CampaignId!, Ct);
        var theirPeople = await _store.GetConnectionsAsync(outcomes[1].CampaignId!, Ct);
        Assert.Equal(30, myPeople.Count);
        Assert.Equal(20, theirPeople.Count);
        Assert.Empty(myPeople.Select(c => c.Connection.Id).Intersect(theirPeople.Select(c => c.Connection.Id)));
        Assert.Equal(Owner, (await _store.FindCampaignAsync(outcomes[0].CampaignId!, Ct))!.Settings.OwnerEmail);
        Assert.Equal("someone.else@example.com", (await _store.FindCampaignAsync(outcomes[1].CampaignId!, Ct))!.Settings.OwnerEmail);
    }

    private ConnectionsUploadHandler Handler() => new(
        _store,
        _files,
        _email,
        Options.Create(new GoodwillOptions { OwnerEmail = Owner, FixedInterval = TimeSpan.FromHours(1) }),
        Options.Create(new LinkedInImportOptions()),
        new FakeTimeProvider(Now),
        _logger)
    {
        // Nothing sends prompts here, so a large upload would wait the whole limit for the first one.
        FirstPromptWaitLimit = TimeSpan.FromMilliseconds(200),
    };

    private async Task<DownloadCountingBlobClient> UploadAsync(string name, byte[] content, IDictionary<string, string>? metadata = null)
    {
        await new BlobContainerClient(azurite.ConnectionString, _container).CreateIfNotExistsAsync(cancellationToken: Ct);
        var blob = new DownloadCountingBlobClient(azurite.ConnectionString, _container, name);
        await blob.UploadAsync(new BinaryData(content), new BlobUploadOptions { Metadata = metadata }, Ct);
        return blob;
    }

    /// <summary>One hostile file: refused with <paramref name="Reason"/> in the message, or imported with exactly <paramref name="People"/>.</summary>
    internal sealed record HostileFile(byte[] Bytes, string? Reason, string[]? People);

    private static class HostileFiles
    {
        private const string NotExport = "upload the Connections.csv file";

        private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

        public static readonly IReadOnlyDictionary<string, HostileFile> All = Build();

        private static Dictionary<string, HostileFile> Build()
        {
            var current = Preamble + Header + "\n" + Ada + "\n" + Grace + "\n";
            var files = new Dictionary<string, HostileFile>(StringComparer.Ordinal)
            {
                // Not text at all.
                ["empty"] = Refused([], "The file is empty"),
                ["bom-only"] = Refused([0xEF, 0xBB, 0xBF], "The file is empty"),
                ["whitespace-only"] = Refused(" \r\n\t\n"u8.ToArray(), "The file is empty"),
                ["png"] = Refused([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "a PNG picture"),
                ["jpeg"] = Refused([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46], "a JPEG picture"),
                ["gif"] = Refused("GIF89a\u0001\u0000"u8.ToArray(), "a GIF picture"),
                ["pdf"] = Refused("%PDF-1.7\n%\u00e2\u00e3"u8.ToArray(), "a PDF document"),
                ["xlsx"] = Refused([0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0], "a ZIP archive or Excel workbook"),
                ["xls"] = Refused([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "an old Excel or Word file"),
                ["gzip"] = Refused([0x1F, 0x8B, 8, 0, 0, 0, 0, 0], "a compressed (gzip) file"),
                ["heic"] = Refused([0, 0, 0, 24, .. "ftypheic"u8.ToArray(), 0, 0, 0, 0], "a photo or video"),
                ["nul-bytes"] = Refused(Encoding.UTF8.GetBytes(current.Replace("Engines", "Eng\0nes", StringComparison.Ordinal)), "not a text CSV file"),
                ["control-bytes"] = Refused(Enumerable.Range(0, 400).Select(i => (byte)(i % 7 + 1)).ToArray(), "not a text CSV file"),

                // Other files people pick by mistake.
                ["messages-export"] = Refused(ConnectionsCsv.Messages(), "messages.csv"),
                ["invitations-export"] = Refused(Utf8("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\nAda,Grace,2024-01-01,Hi,OUTGOING,,\n"), "Invitations.csv"),
                ["positions-export"] = Refused(Utf8("Company Name,Title,Description,Location,Started On,Finished On\nAcme,CTO,,,Jan 2020,\n"), "Positions.csv"),
                ["education-export"] = Refused(Utf8("School Name,Start Date,End Date,Notes,Degree Name,Activities\nMIT,2010,2014,,BSc,\n"), "Education.csv"),
                ["endorsements-export"] = Refused(Utf8("Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n2024/01/01,C#,Ada,Lovelace,,ACCEPTED\n"), "Endorsements.csv"),
                ["html-page"] = Refused(Utf8("<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>\n"), "No connections header"),
                ["json"] = Refused(Utf8("[{\"First Name\":\"Ada\",\"Last Name\":\"Lovelace\"}]\n"), "No connections header"),
                ["vcard"] = Refused(Utf8("BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEND:VCARD\n"), "No connections header"),
                ["generic-contacts-csv"] = Refused(Utf8("Name,Email,Phone\nAda Lovelace,ada@example.com,+44\n"), "No connections header"),

                // Broken exports.
                ["header-only"] = Refused(Utf8(Preamble + Header + "\n"), "no connections under it"),
                ["hidden-profiles-only"] = Refused(Utf8(Preamble + Header + "\n,,,,,,\n,,,,Acme,,1 Jan 2020\n"), "no connections under it"),
                ["header-buried"] = Refused(Utf8(string.Concat(Enumerable.Repeat("Notes:\n", 31)) + Header + "\n" + Ada + "\n"), "No connections header"),
                ["unterminated-quote"] = Refused(Utf8(Preamble + Header + "\n" + "Ada,Lovelace,https://www.linkedin.com/in/ada,,\"Engines,Programmer,14 Feb 2024\n" + Grace + "\n"), "quoting is broken"),
                ["truncated-mid-row"] = Refused(Utf8(current + "Alan,Turing,https://www.linkedin.com/in/al"), "cut off"),
                ["truncated-mid-quote"] = Refused(Utf8(current + "Alan,Turing,https://www.linkedin.com/in/alan,,\"Bletchley, Pa"), "quoting is broken"),
                ["row-over-64-kb"] = Refused(Utf8(Preamble + Header + "\n" + $"Ada,Lovelace,https://www.linkedin.com/in/ada,,{new string('x', 70_000)},B,1 Jan 2020\n"), "longer than 64 KB"),
                ["header-over-4-kb"] = Refused(Utf8(Preamble + Header + "," + string.Join(",", Enumerable.Range(0, 600).Select(i => $"Extra {i}")) + "\n" + Ada + "\n"), "longer than 4 KB"),
                ["one-long-line"] = Refused(Utf8(string.Join(",", Enumerable.Range(0, 2000).Select(i => $"value {i}"))), "longer than 4 KB"),

                // Odd but readable: every person, once.
                ["current"] = Imported(Utf8(current), "Ada", "Grace"),
                ["crlf"] = Imported(Utf8(current.Replace("\n", "\r\n", StringComparison.Ordinal)), "Ada", "Grace"),
                ["cr-only"] = Imported(Utf8(current.Replace('\n', '\r')), "Ada", "Grace"),
                ["no-final-line-break"] = Imported(Utf8(current.TrimEnd('\n')), "Ada", "Grace"),
                ["two-exports-joined"] = Imported(Utf8(current + Preamble + Header + "\n" + Alan + "\n"), "Ada", "Grace", "Alan"),
                ["header-repeated-per-page"] = Imported(Utf8(Preamble + Header + "\n" + Ada + "\n" + Header + "\n" + Grace + "\n" + Header.ToUpperInvariant() + "\n" + Alan + "\n"), "Ada", "Grace", "Alan"),
                ["same-export-twice-joined"] = Imported(Utf8(current + current), "Ada", "Grace"),
                ["windows-1252"] = Imported(Windows1252.GetBytes(Preamble + Header + "\nZoë,Müller,https://www.linkedin.com/in/zoe,,Café,Chef,1 Jan 2020\n"), "Zoë"),
                ["utf16-le-bom"] = Imported(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(current)).ToArray(), "Ada", "Grace"),
                ["utf16-be-bom"] = Imported(Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(current)).ToArray(), "Ada", "Grace"),
                ["utf16-no-bom"] = Imported(Encoding.Unicode.GetBytes(Header + "\n" + Ada + "\n"), "Ada"),
                ["semicolons"] = Imported(Utf8(current.Replace(',', ';')), "Ada", "Grace"),
                ["tabs"] = Imported(Utf8(Header.Replace(',', '\t') + "\n" + Ada.Replace(',', '\t') + "\n"), "Ada"),
                ["preamble-padded-with-commas"] = Imported(Utf8("Notes:,,,,,,\n,,,,,,\n" + Header + "\n" + Ada + "\n"), "Ada"),
                ["export-2020"] = Imported(Utf8("First Name,Last Name,Email Address,Company,Position,Connected On\nAda,Lovelace,,Engines,Programmer,14 Feb 2020\n"), "Ada"),
                ["the-same-person-1000-times"] = Imported(Utf8(Preamble + Header + "\n" + string.Concat(Enumerable.Repeat(Ada + "\n", 1000))), "Ada"),
                ["markup-and-formulas"] = Imported(Utf8(Preamble + Header + "\n<script>alert(1)</script>,=HYPERLINK(\"http://evil\"),https://www.linkedin.com/in/x,,@SUM(A1),+cmd,14 Feb 2024\n"), "<script>alert(1)</script>"),
                ["blank-lines-between-rows"] = Imported(Utf8(Preamble + Header + "\n\n" + Ada + "\n\n\n" + Grace + "\n\n"), "Ada", "Grace"),
                ["quoted-line-breaks"] = Imported(Utf8(Preamble + Header + "\nAda,Lovelace,https://www.linkedin.com/in/ada,,\"Engines\nand Looms\",Programmer,14 Feb 2024\n"), "Ada"),
            };
            return files;
        }

        private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

        private static HostileFile Refused(byte[] bytes, string reason) => new(bytes, reason, null);

        private static HostileFile Imported(byte[] bytes, params string[] people) => new(bytes, null, people);
    }

    /// <summary>A large upload made of one block repeated, so the test does not hold 100 MB in memory.</summary>
    private sealed class RepeatingStream(byte[] block, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = block[(int)((_position + i) % block.Length)];
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
