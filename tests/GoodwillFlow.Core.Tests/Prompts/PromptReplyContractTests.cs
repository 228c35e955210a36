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
        var example = email.TextBody.Split('\n').SkipWhile(l => !l.StartsWith("Or reply to this email", StringComparison.Ordinal)).Skip(1).Take(4);

        var answers = EmailReplyParser.Parse(string.Join("\n", example));

        Assert.NotNull(answers);
        Assert.Equal(RelationshipKind.Peer, answers.Relationship);
        Assert.Equal("We built the billing system together", answers.HowWeKnow);
        Assert.Equal(4, answers.Strength);
        Assert.Equal(HelpKind.Refer | HelpKind.Advise, answers.CouldHelp);
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
