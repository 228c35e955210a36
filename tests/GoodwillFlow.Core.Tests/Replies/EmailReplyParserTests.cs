using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Tests.Replies;

public class EmailReplyParserTests
{
    private const string GmailReply = """
        1. peer
        2. We sat next to each other on the payments team at Contoso
        3) the billing migration
        4: 4/5
        Q5 - 5
        6. 4 out of 5
        7. refer, and maybe introduce me to the platform folks
        8. intros to design leads
        9. She's moving to Berlin in June

        Thanks!
        Sam

        On Tue, 3 Mar 2026 at 10:02, GoodwillFlow <prompts@goodwillflow.example> wrote:
        > Ada Lovelace — Engineering Manager at Contoso, connected for 8 years
        >
        > 1. How do you know them? (boss / report / peer / client / classmate / met once / don't remember)
        > 2. How and why do you know each other?
        > 4. How strong is the relationship? (1-5)
        """;

    private static string Crlf(string text) => text.ReplaceLineEndings("\r\n");

    [Fact]
    public void Reads_a_numbered_gmail_reply_with_crlf_line_endings()
    {
        var answers = EmailReplyParser.Parse(Crlf(GmailReply));

        Assert.NotNull(answers);
        Assert.False(answers.Skip);
        Assert.Equal(RelationshipKind.Peer, answers.Relationship);
        Assert.Equal("We sat next to each other on the payments team at Contoso", answers.HowWeKnow);
        Assert.Equal("the billing migration", answers.SharedProject);
        Assert.Equal(4, answers.Strength);
        Assert.Equal(5, answers.TheirPerception);
        Assert.Equal(4, answers.YourPerception);
        Assert.Equal(HelpKind.Refer | HelpKind.Introduce, answers.CouldHelp);
        Assert.Equal("intros to design leads", answers.CanOffer);
        Assert.Equal("She's moving to Berlin in June", answers.Notes);
    }

    [Fact]
    public void Removes_the_gmail_quote_and_keeps_the_owners_text()
    {
        var text = EmailReplyParser.ExtractNewText(Crlf(GmailReply));

        Assert.StartsWith("1. peer\n2. We sat", text, StringComparison.Ordinal);
        Assert.EndsWith("Thanks!\nSam", text, StringComparison.Ordinal);
        Assert.DoesNotContain("wrote:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("How strong", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
    }

    [Fact]
    public void Removes_a_gmail_attribution_wrapped_over_two_lines()
    {
        const string body = """
            Relationship: boss

            On Tue, 3 Mar 2026 at 10:02, GoodwillFlow <
            prompts@goodwillflow.example> wrote:

            1. How do you know them?
            """;

        Assert.Equal("Relationship: boss", EmailReplyParser.ExtractNewText(body));
    }

    [Theory]
    [InlineData("Le mar. 3 mars 2026 à 10:02, GoodwillFlow <prompts@goodwillflow.example> a écrit :")]
    [InlineData("Am Di., 3. März 2026 um 10:02 Uhr schrieb GoodwillFlow <prompts@goodwillflow.example>:")]
    [InlineData("El mar, 3 mar 2026 a las 10:02, GoodwillFlow (<prompts@goodwillflow.example>) escribió:")]
    [InlineData("Op di 3 mrt 2026 om 10:02 schreef GoodwillFlow <prompts@goodwillflow.example>:")]
    public void Removes_attributions_in_other_languages(string attribution)
    {
        var body = $"2. Nous avons travaillé ensemble\n\n{attribution}\n\n2. How and why do you know each other?\n";

        Assert.Equal("2. Nous avons travaillé ensemble", EmailReplyParser.ExtractNewText(body));
    }

    [Fact]
    public void Reads_a_labelled_outlook_reply_and_drops_the_original_message()
    {
        var body = Crlf("""
            Relationship: my boss at Fabrikam
            How we know each other: she hired me in 2019
            Project: Atlas, the new onboarding flow
            Strength: 5/5
            Their perception: 4
            Your perception: five
            Could help: advice mostly
            Can offer: I can review her team's hiring loop

            Get Outlook for iOS
            ________________________________
            From: GoodwillFlow <prompts@goodwillflow.example>
            Sent: Tuesday, March 3, 2026 10:02 AM
            To: Sam Owner <sam@example.com>
            Subject: Grace Hopper: how do you know each other?

            3. Did you work on a project together?
            """);

        var answers = EmailReplyParser.Parse(body);

        Assert.NotNull(answers);
        Assert.Equal(RelationshipKind.Boss, answers.Relationship);
        Assert.Equal("she hired me in 2019", answers.HowWeKnow);
        Assert.Equal("Atlas, the new onboarding flow", answers.SharedProject);
        Assert.Equal(5, answers.Strength);
        Assert.Equal(4, answers.TheirPerception);
        Assert.Equal(5, answers.YourPerception);
        Assert.Equal(HelpKind.Advise, answers.CouldHelp);
        Assert.Equal("I can review her team's hiring loop", answers.CanOffer);
        Assert.Null(answers.Notes);
    }

    [Fact]
    public void Drops_an_outlook_header_block_without_a_separator_line()
    {
        const string body = """
            1. client
            Thanks

            From: GoodwillFlow <prompts@goodwillflow.example>
            Sent: Tuesday, March 3, 2026 10:02 AM
            To: Sam Owner <sam@example.com>
            Subject: Alan Turing
            """;

        Assert.Equal("1. client\nThanks", EmailReplyParser.ExtractNewText(body));
    }

    [Theory]
    [InlineData("-----Original Message-----")]
    [InlineData("----- Original Message -----")]
    [InlineData("-----Ursprüngliche Nachricht-----")]
    [InlineData("-- ")]
    [InlineData("Sent from my iPhone")]
    [InlineData("Sent from my Galaxy")]
    [InlineData("Get Outlook for Android")]
    public void Cuts_at_separators_signatures_and_mobile_footers(string marker)
    {
        var body = $"1. classmate\r\n\r\n{marker}\r\nSam Owner | Product Designer\r\n+44 20 7946 0000\r\n";

        Assert.Equal("1. classmate", EmailReplyParser.ExtractNewText(body));
    }

    [Fact]
    public void Keeps_multi_line_free_text_as_written_until_the_next_answer()
    {
        const string body = """
            3.
            The billing migration,
              then the  2024 re-platforming
            4. 3
            """;

        var answers = EmailReplyParser.Parse(body);

        Assert.Equal("The billing migration,\nthen the  2024 re-platforming", answers?.SharedProject);
        Assert.Equal(3, answers?.Strength);
    }

    [Theory]
    [InlineData("skip")]
    [InlineData("Skip.")]
    [InlineData("SKIP\n\nSent from my iPhone")]
    [InlineData("don't know them")]
    [InlineData("Don’t know them, sorry")]
    [InlineData("never met him")]
    public void A_one_phrase_skip_reply_skips(string body)
    {
        var answers = EmailReplyParser.Parse(body);

        Assert.NotNull(answers);
        Assert.True(answers.Skip);
    }

    [Theory]
    [InlineData("peer", RelationshipKind.Peer)]
    [InlineData("Boss!", RelationshipKind.Boss)]
    [InlineData("my boss", RelationshipKind.Boss)]
    [InlineData("She was my manager", RelationshipKind.Boss)]
    [InlineData("I reported to him", RelationshipKind.Boss)]
    [InlineData("reported to me", RelationshipKind.Report)]
    [InlineData("I was her manager", RelationshipKind.Report)]
    [InlineData("colleague", RelationshipKind.Peer)]
    [InlineData("Co-worker", RelationshipKind.Peer)]
    [InlineData("customer", RelationshipKind.Client)]
    [InlineData("school", RelationshipKind.Classmate)]
    [InlineData("classmate at uni", RelationshipKind.Classmate)]
    [InlineData("met once", RelationshipKind.MetOnce)]
    [InlineData("Met-once", RelationshipKind.MetOnce)]
    [InlineData("don't remember", RelationshipKind.DontRemember)]
    [InlineData("no idea", RelationshipKind.DontRemember)]
    [InlineData("peer\n\nCheers,\nSam", RelationshipKind.Peer)]
    public void A_one_phrase_reply_is_the_relationship(string body, RelationshipKind kind)
    {
        var answers = EmailReplyParser.Parse(body);

        Assert.NotNull(answers);
        Assert.Equal(kind, answers.Relationship);
        Assert.False(answers.Skip);
    }

    [Theory]
    [InlineData("1. peer", RelationshipKind.Peer)]
    [InlineData("1) peer", RelationshipKind.Peer)]
    [InlineData("1: peer", RelationshipKind.Peer)]
    [InlineData("1 - peer", RelationshipKind.Peer)]
    [InlineData("Q1 - peer", RelationshipKind.Peer)]
    [InlineData("q1: client", RelationshipKind.Client)]
    [InlineData("Question 1: my boss", RelationshipKind.Boss)]
    [InlineData("Relationship: peer", RelationshipKind.Peer)]
    [InlineData("relationship - classmate", RelationshipKind.Classmate)]
    [InlineData("How do you know them? Customer of ours for years", RelationshipKind.Client)]
    [InlineData("1. Relationship: report", RelationshipKind.Report)]
    public void Accepts_every_common_way_of_numbering_or_labelling(string line, RelationshipKind kind)
    {
        Assert.Equal(kind, EmailReplyParser.Parse($"Hi,\n{line}\nThanks")?.Relationship);
    }

    [Theory]
    [InlineData("Strength: 4/5", 4)]
    [InlineData("4. 4", 4)]
    [InlineData("4. 2 out of 5", 2)]
    [InlineData("4. three", 3)]
    [InlineData("4. 5 - very close", 5)]
    [InlineData("4. 0", null)]
    [InlineData("4. 7", null)]
    [InlineData("4. 8/10", null)]
    [InlineData("Strength: 10", null)]
    public void Reads_scales_and_ignores_values_outside_one_to_five(string line, int? strength)
    {
        var answers = EmailReplyParser.Parse($"1. peer\n{line}");

        Assert.Equal(strength, answers?.Strength);
    }

    [Theory]
    [InlineData("7. introduce, refer", HelpKind.Introduce | HelpKind.Refer)]
    [InlineData("7. Could give advice", HelpKind.Advise)]
    [InlineData("Could help: all three", HelpKind.Introduce | HelpKind.Refer | HelpKind.Advise)]
    [InlineData("7. not at all", HelpKind.None)]
    [InlineData("7. no", HelpKind.None)]
    public void Reads_the_ways_they_could_help(string line, HelpKind help)
    {
        var answers = EmailReplyParser.Parse(line);

        Assert.NotNull(answers);
        Assert.Equal(help, answers.CouldHelp);
    }

    [Fact]
    public void Placeholders_in_free_text_answers_are_not_quoted_back()
    {
        var answers = EmailReplyParser.Parse("1. peer\n3. n/a\n8. -\n9. none");

        Assert.NotNull(answers);
        Assert.Null(answers.SharedProject);
        Assert.Null(answers.CanOffer);
        Assert.Null(answers.Notes);
    }

    [Fact]
    public void A_later_answer_to_the_same_question_wins()
    {
        Assert.Equal(RelationshipKind.Client, EmailReplyParser.Parse("1. peer\n1. actually, client")?.Relationship);
    }

    [Fact]
    public void Does_not_take_a_decimal_or_a_larger_number_for_a_question_number()
    {
        var answers = EmailReplyParser.Parse("2. We worked together\n1.5 years at Contoso\n10. nothing");

        Assert.Equal("We worked together\n1.5 years at Contoso\n10. nothing", answers?.HowWeKnow);
        Assert.Equal(RelationshipKind.Unknown, answers?.Relationship);
    }

    [Fact]
    public void Reads_answers_typed_inline_under_the_quoted_questions()
    {
        var body = Crlf("""
            On Tue, 3 Mar 2026 at 10:02, GoodwillFlow <prompts@goodwillflow.example> wrote:
            > 1. How do you know them? (boss / report / peer / client / classmate / met once / don't remember)
            client
            > 2. How and why do you know each other?
            > (a sentence is plenty)
            They bought our analytics product in 2021
            > 4. How strong is the relationship? (1-5)
            4
            > 5. How do you think they perceive you? (1-5)

            --
            Sam
            """);

        var answers = EmailReplyParser.Parse(body);

        Assert.NotNull(answers);
        Assert.Equal(RelationshipKind.Client, answers.Relationship);
        Assert.Equal("They bought our analytics product in 2021", answers.HowWeKnow);
        Assert.Equal(4, answers.Strength);
        Assert.Null(answers.TheirPerception);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n  ")]
    [InlineData("Thanks!")]
    [InlineData("asdf qwerty")]
    [InlineData("I'll get back to you on this one next week when I have more time to think")]
    [InlineData("> 1. peer\n> 2. quoted only")]
    [InlineData("Sent from my iPhone")]
    [InlineData("1. banana")]
    public void Returns_null_when_nothing_is_recognisable(string body)
    {
        Assert.Null(EmailReplyParser.Parse(body));
    }
}

public class EmailReplyParserFalseFriendTests
{
    [Theory]
    [InlineData("Once I have time")]
    [InlineData("She's a director now")]
    [InlineData("On it, will answer tomorrow")]
    public void A_short_reply_that_only_sounds_like_an_answer_is_not_one(string body)
    {
        Assert.Null(EmailReplyParser.Parse(body));
    }

    [Theory]
    [InlineData("only met him once", RelationshipKind.MetOnce)]
    [InlineData("met at a conference", RelationshipKind.MetOnce)]
    public void Natural_met_once_phrases_are_read(string body, RelationshipKind kind)
    {
        Assert.Equal(kind, EmailReplyParser.Parse(body)?.Relationship);
    }
}

public class EmailReplyParserHostileInputTests
{
    public static TheoryData<string> Bodies()
    {
        const int n = 20_000;
        var spaces = new string(' ', n);
        return new TheoryData<string>
        {
            "Strength" + spaces + "x",
            "1." + spaces + "x",
            "2. a" + spaces + "x",
            "1. peer\nThanks" + spaces + "x",
            "3." + new string('.', n) + "x",
            "How" + string.Concat(Enumerable.Repeat(" we", n / 3)) + "x",
            "On " + new string('1', n) + "\n" + new string('2', n) + " schrieb" + new string(':', n) + "x",
            "From: x\nTo:" + spaces + "\nSent:" + spaces,
            "> " + new string('>', n) + "1. x",
            "4. " + string.Concat(Enumerable.Repeat("1 ", n / 2)) + "of x",
            new string('-', n) + " Original Message " + new string('-', n) + "x",
        };
    }

    // A guard against catastrophic regex backtracking (an inbound body is attacker-shaped text): with a quadratic
    // pattern these take minutes, linear ones a fraction of a second. Not a speed claim.
    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Bodies))]
    public async Task Reads_hostile_bodies_without_stalling(string body)
    {
        var newText = await Task.Run(() =>
        {
            EmailReplyParser.Parse(body);
            return EmailReplyParser.ExtractNewText(body);
        });

        Assert.True(newText.Length <= body.Length);
    }
}

public class EmailReplyParserPromptContractTests
{
    [Fact]
    public void Reads_the_example_reply_the_prompt_email_shows()
    {
        var answers = EmailReplyParser.Parse(string.Join("\r\n", GoodwillFlow.Core.Email.PromptEmailComposer.ExampleReply));

        Assert.NotNull(answers);
        Assert.Equal(RelationshipKind.Peer, answers.Relationship);
        Assert.Equal("shipped the billing system together", answers.SharedProject);
        Assert.Equal("feedback on your next talk", answers.CanOffer);
        Assert.Equal(4, answers.Strength);
        Assert.Equal(HelpKind.Refer | HelpKind.Advise, answers.CouldHelp);
    }

    [Fact]
    public void Every_relationship_choice_the_prompt_offers_is_read_as_itself()
    {
        foreach (var choice in GoodwillFlow.Core.Prompts.PromptQuestionKeys.RelationshipChoices)
        {
            Assert.Equal(OneClickChoice.ToAnswers(choice)?.Relationship, EmailReplyParser.Parse($"1. {choice}")?.Relationship);
            Assert.Equal(OneClickChoice.ToAnswers(choice)?.Relationship, EmailReplyParser.Parse(choice)?.Relationship);
        }
    }

    [Fact]
    public void Reads_answers_typed_under_the_questions_of_a_quoted_prompt_email()
    {
        var connection = new GoodwillFlow.Core.Connections.Connection("0123456789abcdef", "Ada", "Lovelace", null, null, "Contoso", "Engineering Manager", new DateOnly(2018, 1, 10));
        var prompt = GoodwillFlow.Core.Prompts.ReflectionPromptBuilder.Build(connection, new DateOnly(2026, 3, 3));
        var quoted = new System.Text.StringBuilder("On Tue, 3 Mar 2026 at 10:02, GoodwillFlow <prompts@goodwillflow.example> wrote:\n");
        foreach (var question in prompt.Questions)
        {
            quoted.Append("> ").Append(question.Number).Append(". ").Append(question.Text).Append('\n');
            if (question.Number == 1)
            {
                quoted.Append("client\n");
            }
            else if (question.Number == 4)
            {
                quoted.Append("5\n");
            }
        }

        var answers = EmailReplyParser.Parse(quoted.ToString());

        Assert.NotNull(answers);
        Assert.Equal(RelationshipKind.Client, answers.Relationship);
        Assert.Equal(5, answers.Strength);
    }
}
