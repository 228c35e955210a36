using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Core.Prompts;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Tests.Prompts;

/// <summary>The prompt email and the email reply parser must agree on what each question number means.</summary>
public class PromptReplyContractTests
{
    [Fact]
    public void The_example_reply_in_the_prompt_email_parses_to_what_it_says()
    {
        var prompt = ReflectionPromptBuilder.Build(
            new Connection("0123456789abcdef", "Ada", "Lovelace", null, null, "Contoso", "PM", null), new DateOnly(2025, 6, 1));
        var email = PromptEmailComposer.Compose(
            prompt, new PromptEmailContext("owner@example.com", "fedcba9876543210", new Uri("https://goodwill.example/api/r/t"), "reply+t@in.example.com", 1, 3));
        var example = email.TextBody.Split('\n').SkipWhile(l => !l.StartsWith("Or reply to this email", StringComparison.Ordinal)).Skip(1).Take(5);

        var answers = EmailReplyParser.Parse(string.Join("\n", example));

        Assert.NotNull(answers);
        Assert.Equal(RelationshipKind.Peer, answers.Relationship);
        Assert.Equal("shipped the billing system together", answers.SharedProject);
        Assert.Equal(4, answers.Strength);
        Assert.Equal(HelpKind.Refer | HelpKind.Advise, answers.CouldHelp);
        Assert.Equal("feedback on your next talk", answers.CanOffer);
    }

    [Theory]
    [InlineData("3. I still remember when we shipped the billing system together", "shipped the billing system together")]
    [InlineData("3. \"I still remember when we … shipped the billing system together\"", "shipped the billing system together")]
    [InlineData("3. …shipped the billing system together", "shipped the billing system together")]
    [InlineData("3. the billing migration", "the billing migration")]
    [InlineData("Shared memory: we shipped the billing system", "we shipped the billing system")]
    [InlineData("3. I still remember when we", null)]
    public void A_shared_memory_keeps_the_owners_words_without_the_sentence_start_they_copied(string reply, string? expected)
    {
        Assert.Equal(expected, EmailReplyParser.Parse(reply)?.SharedProject);
    }

    [Theory]
    [InlineData("8. I'd be glad to offer you feedback on your next talk", "feedback on your next talk")]
    [InlineData("8. I’d be glad to offer you … an intro to the design leads I know", "an intro to the design leads I know")]
    [InlineData("In return: a reference for your next promotion", "a reference for your next promotion")]
    public void An_offer_keeps_the_owners_words_without_the_sentence_start_they_copied(string reply, string expected)
    {
        Assert.Equal(expected, EmailReplyParser.Parse(reply)?.CanOffer);
    }

    [Fact]
    public void The_sentences_to_finish_are_shown_with_an_example_in_the_email()
    {
        var prompt = ReflectionPromptBuilder.Build(
            new Connection("0123456789abcdef", "Ada", "Lovelace", null, null, "Contoso", "PM", null), new DateOnly(2025, 6, 1));
        var email = PromptEmailComposer.Compose(
            prompt, new PromptEmailContext("owner@example.com", "fedcba9876543210", new Uri("https://goodwill.example/api/r/t"), "reply+t@in.example.com", 1, 3));

        Assert.Contains(
            "3. A moment you shared: finish the sentence as you would say it to Ada. \"I still remember when we …\" (e.g. \"shipped the payments rewrite together\")",
            email.TextBody,
            StringComparison.Ordinal);
        Assert.Contains(
            "8. What could you offer Ada in return? Finish the sentence as you would say it to them. \"I'd be glad to offer you …\" (e.g. \"feedback on your next talk\")",
            email.TextBody,
            StringComparison.Ordinal);
        Assert.Contains("2. How and why do you know each other? A sentence is plenty. (Just for you: never put in a message.)", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_relationship_choice_offered_by_email_is_understood_by_the_reply_parser()
    {
        Assert.All(PromptQuestionKeys.RelationshipChoices, choice =>
            Assert.Equal(OneClickChoice.ToAnswers(choice)!.Relationship, EmailReplyParser.Parse($"1. {choice}")?.Relationship));
    }

    [Theory]
    [InlineData("introduce", HelpKind.Introduce)]
    [InlineData("refer", HelpKind.Refer)]
    [InlineData("advise", HelpKind.Advise)]
    [InlineData("no", HelpKind.None)]
    public void Every_help_choice_offered_by_email_is_understood_by_the_reply_parser(string choice, HelpKind expected)
    {
        var answers = EmailReplyParser.Parse($"1. peer\n7. {choice}");

        Assert.NotNull(answers);
        Assert.Equal(expected, answers.CouldHelp);
    }
}
