using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Core.Tests.Import.Archive;

public sealed class ArchiveImportTests
{
    [Fact]
    public void Reads_every_file_of_a_complete_archive_into_evidence_per_connection()
    {
        var result = Archives.Complete().Import();

        Assert.Equal(4, result.Connections.Count);
        Assert.Equal(
            ["Connections.csv", "Profile.csv", "messages.csv", "Recommendations_Given.csv", "Recommendations_Received.csv", "Endorsement_Received_Info.csv", "Invitations.csv"],
            result.FilesRead);
        Assert.NotNull(result.Evidence);
        Assert.Equal(4, result.Evidence.Count);

        var ada = Evidence(result, "Ada");
        Assert.Equal(new MessageEvidence(4, 2, 2, new DateOnly(2023, 1, 5), new DateOnly(2023, 3, 10), true, 0, EvidenceMatch.ProfileUrl), ada.Messages);
        Assert.Equal(
            [new RecommendationEvidence(EvidenceDirection.FromOwner, new DateOnly(2022, 3, 2), "Ada saw what the engine could be.", EvidenceMatch.NameOnly)],
            ada.Recommendations);
        Assert.Equal(new InvitationEvidence(EvidenceDirection.ToOwner, new DateOnly(2019, 2, 14), null, EvidenceMatch.ProfileUrl), ada.Invitation);

        var grace = Evidence(result, "Grace");
        Assert.Equal(
            [new RecommendationEvidence(EvidenceDirection.ToOwner, new DateOnly(2021, 1, 19), "Olive is the engineer you want on the hardest problem in the…", EvidenceMatch.NameOnly)],
            grace.Recommendations);

        var alan = Evidence(result, "Alan");
        Assert.NotNull(alan.Endorsements);
        Assert.Equal(["Kubernetes", "C#"], alan.Endorsements.Skills);
        Assert.Equal(new DateOnly(2024, 10, 24), alan.Endorsements.Last);
        Assert.Equal(EvidenceMatch.ProfileUrl, alan.Endorsements.Match);

        var katherine = Evidence(result, "Katherine");
        Assert.Null(katherine.Messages);
        Assert.NotNull(katherine.Invitation);
        Assert.Equal(EvidenceDirection.FromOwner, katherine.Invitation.Direction);
        Assert.Equal(new DateOnly(2016, 5, 3), katherine.Invitation.SentOn);
        Assert.StartsWith("Hi Katherine, we met at the orbital mechanics meetup", katherine.Invitation.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_a_group_message_from_the_owner_for_every_recipient_and_marks_the_group()
    {
        var result = Archives.Complete().Import();

        // The owner wrote to Grace and Alan together, Grace answered both; then the owner wrote to Alan alone.
        Assert.Equal(new MessageEvidence(2, 1, 1, new DateOnly(2022, 5, 1), new DateOnly(2022, 5, 2), true, 1, EvidenceMatch.ProfileUrl), Evidence(result, "Grace").Messages);
        Assert.Equal(new MessageEvidence(2, 2, 0, new DateOnly(2022, 5, 1), new DateOnly(2024, 2, 1), false, 1, EvidenceMatch.ProfileUrl), Evidence(result, "Alan").Messages);
    }

    [Fact]
    public void Tells_the_owner_apart_without_Profile_csv_and_never_counts_the_owner_as_a_connection()
    {
        var withoutProfile = new Archives()
            .Add("Connections.csv", Archives.ConnectionsCsv)
            .Add("messages.csv", Archives.MessagesCsv)
            .Import();

        Assert.Equal(["Connections.csv", "messages.csv"], withoutProfile.FilesRead);
        Assert.Equal(4, Evidence(withoutProfile, "Ada").Messages!.Total);
        Assert.True(Evidence(withoutProfile, "Ada").Messages!.TheyWroteLast);
        Assert.Equal(2, Evidence(withoutProfile, "Grace").Messages!.Total);
        Assert.Equal(3, withoutProfile.Evidence!.Count);
    }

    [Fact]
    public void Counts_the_owners_rows_that_lost_their_url_as_the_owners()
    {
        var messages = string.Join('\n',
            Archives.MessagesHeader,
            Archives.Message("c1", "Ada Lovelace", "https://www.linkedin.com/in/ada-lovelace", "Olive Owner", Archives.OwnerUrl, "2023-01-02 09:00:00 UTC", 1),
            Archives.Message("c1", "Olive Owner", "", "Ada Lovelace", "https://www.linkedin.com/in/ada-lovelace", "2023-01-03 09:00:00 UTC", 2),
            Archives.Message("c2", "Grace Hopper", "https://www.linkedin.com/in/grace-hopper", "Olive Owner", Archives.OwnerUrl, "2023-01-04 09:00:00 UTC", 3)) + "\n";

        var result = new Archives()
            .Add("Connections.csv", Archives.ConnectionsCsv)
            .Add("messages.csv", messages)
            .Add("Profile.csv", Archives.ProfileCsv)
            .Import();

        var ada = Evidence(result, "Ada").Messages!;
        Assert.Equal((2, 1, 1, false), (ada.Total, ada.FromOwner, ada.ToOwner, ada.TheyWroteLast));
    }

    [Fact]
    public void Imports_the_connections_with_what_evidence_there_is_when_files_are_missing()
    {
        var result = new Archives()
            .Add("Connections.csv", Archives.ConnectionsCsv)
            .Add("Endorsement_Received_Info.csv", Archives.EndorsementsCsv)
            .Import();

        Assert.Equal(4, result.Connections.Count);
        Assert.Equal(["Connections.csv", "Endorsement_Received_Info.csv"], result.FilesRead);
        Assert.Equal(["Alan"], result.Evidence!.Keys.Select(id => result.Connections.Single(c => c.Id == id).FirstName));
    }

    [Fact]
    public void Finds_files_in_subfolders_by_name_ignoring_case()
    {
        var result = new Archives()
            .Add("Basic_LinkedInDataExport_03-01-2026/CONNECTIONS.CSV", Archives.ConnectionsCsv)
            .Add("Basic_LinkedInDataExport_03-01-2026/Messages/MESSAGES.csv", Archives.MessagesCsv)
            .Add("Basic_LinkedInDataExport_03-01-2026\\Recommendations\\recommendations_received.csv", Archives.RecommendationsReceivedCsv)
            .Import();

        Assert.Equal(["CONNECTIONS.CSV", "MESSAGES.csv", "recommendations_received.csv"], result.FilesRead);
        Assert.Equal(4, Evidence(result, "Ada").Messages!.Total);
        Assert.Single(Evidence(result, "Grace").Recommendations);
    }

    [Fact]
    public void Reads_files_that_start_with_a_UTF8_byte_order_mark()
    {
        var result = new Archives()
            .Add("Connections.csv", Archives.ConnectionsCsv, bom: true)
            .Add("messages.csv", Archives.MessagesCsv, bom: true)
            .Add("Invitations.csv", Archives.InvitationsCsv, bom: true)
            .Add("Endorsement_Received_Info.csv", Archives.EndorsementsCsv, bom: true)
            .Import();

        Assert.Equal(4, result.FilesRead!.Count);
        Assert.Equal(4, Evidence(result, "Ada").Messages!.Total);
        Assert.NotNull(Evidence(result, "Katherine").Invitation);
        Assert.NotNull(Evidence(result, "Alan").Endorsements);
    }

    [Fact]
    public void Matches_by_name_only_when_the_connections_export_has_no_urls_and_says_so()
    {
        const string noUrlConnections =
            "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n" +
            "First Name,Last Name,Email Address,Company,Position,Connected On\n" +
            "Ada,Lovelace,,Analytical Engines,Programmer,14 Feb 2019\n" +
            "Grace,Hopper,,Navy,Rear Admiral,1 Mar 2018\n";

        var result = new Archives()
            .Add("Connections.csv", noUrlConnections)
            .Add("messages.csv", Archives.MessagesCsv)
            .Add("Profile.csv", Archives.ProfileCsv)
            .Import();

        var ada = Evidence(result, "Ada").Messages!;
        Assert.Equal((4, EvidenceMatch.NameOnly), (ada.Total, ada.Match));
    }

    [Fact]
    public void Matches_message_rows_without_urls_by_name()
    {
        var messages = string.Join('\n',
            Archives.MessagesHeader,
            Archives.Message("c1", "Katherine Johnson", "", "Olive Owner", "", "2020-01-02 09:00:00 UTC", 1),
            Archives.Message("c1", "Olive Owner", "", "Katherine Johnson", "", "2020-01-03 09:00:00 UTC", 2),
            Archives.Message("c2", "Olive Owner", "", "Grace Hopper", "", "2020-01-04 09:00:00 UTC", 3)) + "\n";

        var result = new Archives()
            .Add("Connections.csv", Archives.ConnectionsCsv)
            .Add("messages.csv", messages)
            .Add("Profile.csv", Archives.ProfileCsv)
            .Import();

        var katherine = Evidence(result, "Katherine").Messages!;
        Assert.Equal((2, 1, 1, EvidenceMatch.NameOnly), (katherine.Total, katherine.FromOwner, katherine.ToOwner, katherine.Match));
    }

    [Fact]
    public void Does_not_match_someone_with_the_same_name_and_another_profile_url()
    {
        var messages = string.Join('\n',
            Archives.MessagesHeader,
            Archives.Message("c1", "Ada Lovelace", "https://www.linkedin.com/in/another-ada", "Olive Owner", Archives.OwnerUrl, "2023-01-02 09:00:00 UTC", 1),
            Archives.Message("c2", "Olive Owner", Archives.OwnerUrl, "Grace Hopper", "https://www.linkedin.com/in/grace-hopper", "2023-01-03 09:00:00 UTC", 2)) + "\n";

        var result = new Archives()
            .Add("Connections.csv", Archives.ConnectionsCsv)
            .Add("messages.csv", messages)
            .Import();

        Assert.DoesNotContain(result.Evidence!, e => result.Connections.Single(c => c.Id == e.Key).FirstName == "Ada");
        Assert.Equal(1, Evidence(result, "Grace").Messages!.Total);
    }

    [Fact]
    public void Reads_an_archive_from_a_stream_that_cannot_seek()
    {
        using var stream = new Archives.NonSeekableStream(Archives.Complete().Build());

        var result = LinkedInConnectionsImporter.Import(stream);

        Assert.Equal(7, result.FilesRead!.Count);
        Assert.Equal(4, result.Evidence!.Count);
    }

    [Fact]
    public void Reads_a_bare_connections_csv_from_a_stream_that_cannot_seek_without_evidence()
    {
        using var stream = new Archives.NonSeekableStream(System.Text.Encoding.UTF8.GetBytes(Archives.ConnectionsCsv));

        var result = LinkedInConnectionsImporter.Import(stream);

        Assert.Equal(4, result.Connections.Count);
        Assert.Null(result.Evidence);
    }

    [Fact]
    public void Gives_the_same_connection_ids_as_the_bare_connections_csv()
    {
        var bare = Exports.Import(Archives.ConnectionsCsv);

        var archive = Archives.Complete().Import();

        Assert.Equal(bare.Connections, archive.Connections);
    }

    [Fact]
    public void Leaves_out_an_evidence_file_it_cannot_make_sense_of_with_a_warning()
    {
        var result = new Archives()
            .Add("Connections.csv", Archives.ConnectionsCsv)
            .Add("messages.csv", "just,some,columns\n1,2,3\n")
            .Add("Invitations.csv", Archives.InvitationsCsv)
            .Import();

        Assert.Equal(["Connections.csv", "Invitations.csv"], result.FilesRead);
        Assert.Contains(result.Warnings, w => w.StartsWith("messages.csv has no header GoodwillFlow knows", StringComparison.Ordinal));
    }

    [Fact]
    public void Tolerates_renamed_and_missing_columns()
    {
        const string messages =
            "Conversation Id,From,Sender Profile Url,To,Recipient Profile Urls,Date\n" +
            "c1,Ada Lovelace,https://www.linkedin.com/in/ada-lovelace,Olive Owner,https://www.linkedin.com/in/olive-owner,2023-01-02 09:00:00 UTC\n";
        const string endorsements =
            "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name\n" +
            "2024/10/24 14:11:21 UTC,Go,Grace,Hopper\n";

        var result = new Archives()
            .Add("Connections.csv", Archives.ConnectionsCsv)
            .Add("messages.csv", messages)
            .Add("Endorsement_Received_Info.csv", endorsements)
            .Import();

        Assert.Equal(1, Evidence(result, "Ada").Messages!.ToOwner);
        Assert.Equal(EvidenceMatch.NameOnly, Evidence(result, "Grace").Endorsements!.Match);
    }

    [Fact]
    public void Reads_100_thousand_messages()
    {
        var rows = new System.Text.StringBuilder(Archives.MessagesHeader).Append('\n');
        for (var i = 0; i < 100_000; i++)
        {
            var ada = i % 2 == 0;
            rows.Append(Archives.Message(
                $"c{i % 500}",
                ada ? "Ada Lovelace" : "Olive Owner",
                ada ? "https://www.linkedin.com/in/ada-lovelace" : Archives.OwnerUrl,
                ada ? "Olive Owner" : "Ada Lovelace",
                ada ? Archives.OwnerUrl : "https://www.linkedin.com/in/ada-lovelace",
                $"2023-01-{1 + (i % 28):00} 09:00:00 UTC",
                i)).Append('\n');
        }

        var result = new Archives()
            .Add("Connections.csv", Archives.ConnectionsCsv)
            .Add("messages.csv", rows.ToString())
            .Import();

        Assert.Equal(100_000, Evidence(result, "Ada").Messages!.Total);
    }

    private static ConnectionEvidence Evidence(ImportResult result, string firstName)
    {
        var id = result.Connections.Single(c => c.FirstName == firstName).Id;
        Assert.NotNull(result.Evidence);
        Assert.True(result.Evidence.TryGetValue(id, out var evidence), $"no evidence for {firstName}");
        return evidence;
    }
}
