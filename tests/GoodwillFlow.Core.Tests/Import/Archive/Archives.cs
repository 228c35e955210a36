using System.IO.Compression;
using System.Text;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Core.Tests.Import.Archive;

/// <summary>Builds LinkedIn data downloads (ZIPs) in memory, as LinkedIn lays them out or as a hostile upload might.</summary>
internal sealed class Archives
{
    public const string OwnerUrl = "https://www.linkedin.com/in/olive-owner";

    public const string ConnectionsCsv =
        "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n" +
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
        "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines,Programmer,14 Feb 2019\n" +
        "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,Navy,Rear Admiral,1 Mar 2018\n" +
        "Alan,Turing,https://www.linkedin.com/in/alan-turing,,Bletchley,Cryptanalyst,2 Apr 2017\n" +
        "Katherine,Johnson,https://www.linkedin.com/in/katherine-johnson,,NASA,Mathematician,3 May 2016\n";

    public const string MessagesHeader =
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS";

    /// <summary>
    /// Ada: 4 messages one to one, she wrote last. Grace and Alan: a group conversation the owner started and Grace
    /// answered. Alan: one more, one to one, the owner last. Rita: a recruiter who is not a connection. Every subject
    /// and content is a marker the privacy tests look for.
    /// </summary>
    public static readonly string MessagesCsv = string.Join('\n',
        MessagesHeader,
        Message("c-ada", "Ada Lovelace", "https://www.linkedin.com/in/ada-lovelace", "Olive Owner", OwnerUrl, "2023-03-10 09:00:00 UTC", 1),
        Message("c-ada", "Olive Owner", OwnerUrl, "Ada Lovelace", "https://www.linkedin.com/in/ada-lovelace", "2023-02-01 09:00:00 UTC", 2),
        Message("c-ada", "Ada Lovelace", "https://www.linkedin.com/in/ada-lovelace", "Olive Owner", OwnerUrl, "2023-01-20 09:00:00 UTC", 3),
        Message("c-ada", "Olive Owner", OwnerUrl, "Ada Lovelace", "https://www.linkedin.com/in/ada-lovelace", "2023-01-05 15:33:58 UTC", 4),
        Message("c-group", "Grace Hopper", "https://www.linkedin.com/in/grace-hopper", "Olive Owner, Alan Turing",
            $"{OwnerUrl};https://www.linkedin.com/in/alan-turing", "2022-05-02 10:00:00 UTC", 5),
        Message("c-group", "Olive Owner", OwnerUrl, "Grace Hopper, Alan Turing",
            "https://www.linkedin.com/in/grace-hopper;https://www.linkedin.com/in/alan-turing", "2022-05-01 10:00:00 UTC", 6),
        Message("c-alan", "Olive Owner", OwnerUrl, "Alan Turing", "https://www.linkedin.com/in/alan-turing", "2024-02-01 08:00:00 UTC", 7),
        Message("c-rita", "Rita Recruiter", "https://www.linkedin.com/in/rita-recruiter", "Olive Owner", OwnerUrl, "2024-06-01 08:00:00 UTC", 8)) + "\n";

    public const string RecommendationsReceivedCsv =
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n" +
        "Grace,Hopper,Navy,Rear Admiral,\"Olive is the engineer you want on the hardest problem in the building, and she makes everyone around her better.\",\"01/19/21, 12:10 AM\",VISIBLE\n";

    public const string RecommendationsGivenCsv =
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n" +
        "Ada,Lovelace,Analytical Engines,Programmer,\"Ada saw what the engine could be.\",\"03/02/22, 09:00 AM\",VISIBLE\n";

    public const string EndorsementsCsv =
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n" +
        "2024/10/24 14:11:21 UTC,Kubernetes,Alan,Turing,www.linkedin.com/in/alan-turing,ACCEPTED\n" +
        "2021/12/03 17:42:06 UTC,C#,Alan,Turing,www.linkedin.com/in/alan-turing,ACCEPTED\n" +
        "2022/01/01 10:00:00 UTC,kubernetes,Alan,Turing,www.linkedin.com/in/alan-turing,ACCEPTED\n" +
        "2025/01/01 10:00:00 UTC,Juggling,Alan,Turing,www.linkedin.com/in/alan-turing,REJECTED\n";

    public const string InvitationsCsv =
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n" +
        $"Olive Owner,Katherine Johnson,\"5/3/16, 8:41 AM\",\"Hi Katherine, we met at the orbital mechanics meetup and I would love to stay in touch.\",OUTGOING,{OwnerUrl},https://www.linkedin.com/in/katherine-johnson\n" +
        $"Ada Lovelace,Olive Owner,\"2/14/19, 10:00 AM\",,INCOMING,https://www.linkedin.com/in/ada-lovelace,{OwnerUrl}\n" +
        $"Olive Owner,Pending Person,\"9/27/25, 8:41 AM\",,OUTGOING,{OwnerUrl},https://www.linkedin.com/in/pending-person\n";

    public const string ProfileCsv =
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n" +
        "Olive,Owner,,,,Engineer,,Software,,London,,,\n";

    private readonly List<(string Name, byte[] Bytes)> _entries = [];

    /// <summary>A complete archive as LinkedIn sends it: every file the importer reads, at the top.</summary>
    public static Archives Complete() => new Archives()
        .Add("Connections.csv", ConnectionsCsv)
        .Add("messages.csv", MessagesCsv)
        .Add("Recommendations_Received.csv", RecommendationsReceivedCsv)
        .Add("Recommendations_Given.csv", RecommendationsGivenCsv)
        .Add("Endorsement_Received_Info.csv", EndorsementsCsv)
        .Add("Invitations.csv", InvitationsCsv)
        .Add("Profile.csv", ProfileCsv)
        .Add("Skills.csv", "Name\nKubernetes\n");

    public static string Message(string conversation, string from, string? fromUrl, string to, string? toUrls, string date, int marker) =>
        $"{conversation},,{from},{fromUrl},\"{to}\",{toUrls},{date},SECRET-SUBJECT-{marker},\"SECRET-CONTENT-{marker}, with a comma\",INBOX,";

    public Archives Add(string name, string text, bool bom = false) =>
        Add(name, bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text));

    public Archives Add(string name, byte[] bytes)
    {
        _entries.Add((name, bytes));
        return this;
    }

    public byte[] Build()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in _entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    public ImportResult Import(LinkedInImportOptions? options = null) => Import(Build(), options);

    public static ImportResult Import(byte[] zip, LinkedInImportOptions? options = null)
    {
        using var stream = new MemoryStream(zip);
        return LinkedInConnectionsImporter.Import(stream, options);
    }

    public ImportRejectedException Reject(LinkedInImportOptions? options = null) => Reject(Build(), options);

    public static ImportRejectedException Reject(byte[] zip, LinkedInImportOptions? options = null) =>
        Assert.Throws<ImportRejectedException>(() => Import(zip, options));

    /// <summary>A stream that reads like a network body: no seeking, no length, a few bytes at a time.</summary>
    public sealed class NonSeekableStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1000));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
