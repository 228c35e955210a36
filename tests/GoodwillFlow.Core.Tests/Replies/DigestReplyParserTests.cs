using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Tests.Replies;

public class DigestReplyParserTests
{
    private static readonly string[] Names = ["Maya Chen", "Ravi Patel", "Ada Lovelace"];

    private const string GmailDigestReply = """
        1. Maya Chen
        1. peer
        3. shipped the billing system together
        4. 4

        3. Ada
        1. boss
        7. refer, advise
        8. feedback on your next talk

        Thanks!
        Sam

        On Mon, 2 Jun 2025 at 09:00, GoodwillFlow <prompts@goodwillflow.example> wrote:
        > Goodwill digest: prompts 12-14 of 140
        >
        > 1. Maya Chen
        > Senior PM at Contoso
        > Answer the rest on the reply page:
        > https://goodwill.example/api/r/tokmaya
        >
        > 2. Ravi Patel
        > https://goodwill.example/api/r/tokravi
        >
        > 3. Ada Lovelace
        > 1. How do you know them? (boss / report / peer)
        > 4. How strong is the relationship? (1-5)
        """;

    [Fact]
    public void Reads_each_person_of_a_gmail_digest_reply_under_their_own_heading_and_leaves_the_unanswered_one_out()
    {
        var answered = EmailReplyParser.ParseDigest(GmailDigestReply.ReplaceLineEndings("\r\n"), Names);

        Assert.Equal([1, 3], answered.Select(a => a.Position));
        var maya = answered[0].Answers;
        Assert.Equal(RelationshipKind.Peer, maya.Relationship);
        Assert.Equal("shipped the billing system together", maya.SharedProject);
        Assert.Equal(4, maya.Strength);
        var ada = answered[1].Answers;
        Assert.Equal(RelationshipKind.Boss, ada.Relationship);
        Assert.Equal("feedback on your next talk", ada.CanOffer);
        Assert.Null(ada.Strength);
    }

    [Theory]
    [InlineData("#2 Ravi Patel:\nskip")]
    [InlineData("2) ravi patel\nskip")]
    [InlineData("Ravi Patel\nskip")]
    public void Accepts_the_usual_ways_of_writing_a_heading(string reply)
    {
        var answered = EmailReplyParser.ParseDigest(reply, Names);

        var ravi = Assert.Single(answered);
        Assert.Equal(2, ravi.Position);
        Assert.True(ravi.Answers.Skip);
    }

    [Fact]
    public void Ignores_a_heading_whose_number_belongs_to_someone_else_and_a_reply_without_headings()
    {
        Assert.Empty(EmailReplyParser.ParseDigest("2. Maya Chen\n1. peer", Names));
        Assert.Empty(EmailReplyParser.ParseDigest("1. peer\n4. 4", Names));
    }

    [Fact]
    public void Leaves_a_person_open_when_nothing_recognisable_is_written_under_their_heading()
    {
        var answered = EmailReplyParser.ParseDigest("1. Maya Chen\n\n2. Ravi Patel\n1. client", Names);

        Assert.Equal(2, Assert.Single(answered).Position);
    }
}
