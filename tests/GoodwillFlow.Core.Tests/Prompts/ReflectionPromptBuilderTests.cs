using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Prompts;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Tests.Prompts;

public class ReflectionPromptBuilderTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    private static Connection Ada(string? company = "Contoso", string? position = "Senior PM", DateOnly? connectedOn = null) =>
        new("0123456789abcdef", "Ada", "Lovelace", "https://www.linkedin.com/in/ada", null, company, position, connectedOn ?? new DateOnly(2019, 3, 14));

    [Fact]
    public void Shows_position_company_and_years_connected()
    {
        var prompt = ReflectionPromptBuilder.Build(Ada(), Today);

        Assert.Equal("0123456789abcdef", prompt.ConnectionId);
        Assert.Equal("Ada Lovelace", prompt.DisplayName);
        Assert.Equal(["Senior PM at Contoso", "Connected for 6 years (since Mar 2019)"], prompt.Context);
    }

    [Theory]
    [InlineData("2025-02-10", "Connected this year")]
    [InlineData("2024-11-20", "Connected for less than a year (since Nov 2024)")]
    [InlineData("2024-06-01", "Connected for 1 year (since Jun 2024)")]
    [InlineData("2023-06-02", "Connected for 1 year (since Jun 2023)")]
    [InlineData("2023-06-01", "Connected for 2 years (since Jun 2023)")]
    public void Counts_whole_years_connected(string connectedOn, string expected)
    {
        var prompt = ReflectionPromptBuilder.Build(Ada(connectedOn: DateOnly.Parse(connectedOn, System.Globalization.CultureInfo.InvariantCulture)), Today);

        Assert.Equal(expected, prompt.Context[^1]);
    }

    [Theory]
    [InlineData(null, "Senior PM", "Senior PM")]
    [InlineData("Contoso", null, "Works at Contoso")]
    [InlineData("Contoso", "  ", "Works at Contoso")]
    public void Shows_what_the_export_knows_when_company_or_position_is_missing(string? company, string? position, string expected)
    {
        var prompt = ReflectionPromptBuilder.Build(Ada(company, position), Today);

        Assert.Equal(expected, prompt.Context[0]);
    }

    [Fact]
    public void Says_so_when_the_export_knows_nothing_about_the_person()
    {
        var connection = new Connection("0123456789abcdef", "Ada", "", null, null, null, null, null);

        var prompt = ReflectionPromptBuilder.Build(connection, Today);

        Assert.Equal(["Your export has no company, position or connection date for this person."], prompt.Context);
        Assert.Equal("Ada", prompt.DisplayName);
        Assert.Equal("What was Ada to you?", prompt.Questions[0].Text);
    }

    [Fact]
    public void Numbers_the_nine_questions_with_stable_keys()
    {
        var prompt = ReflectionPromptBuilder.Build(Ada(), Today);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], prompt.Questions.Select(q => q.Number));
        Assert.Equal(
            ["relationship", "howWeKnow", "sharedProject", "strength", "theirPerception", "yourPerception", "couldHelp", "canOffer", "notes"],
            prompt.Questions.Select(q => q.Key));
        Assert.Equal(PromptQuestionKeys.InOrder, prompt.Questions.Select(q => q.Key));
        Assert.Equal(7, PromptQuestionKeys.NumberOf("couldHelp"));
        Assert.Equal(0, PromptQuestionKeys.NumberOf("favouriteColour"));
    }

    [Fact]
    public void Every_question_key_names_a_reply_answers_property()
    {
        var properties = typeof(ReplyAnswers).GetProperties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(PromptQuestionKeys.InOrder, key => Assert.Contains(char.ToUpperInvariant(key[0]) + key[1..], properties));
    }

    [Fact]
    public void Offers_the_one_click_relationship_values_and_one_to_five_scales()
    {
        var questions = ReflectionPromptBuilder.Build(Ada(), Today).Questions;

        Assert.Equal(["boss", "report", "peer", "client", "classmate", "met-once", "dont-remember"], questions[0].Choices);
        Assert.All(questions[0].Choices, value => Assert.NotNull(OneClickChoice.ToAnswers(value)));
        Assert.All(questions.Where(q => q.Number is 4 or 5 or 6), q => Assert.Equal(["1", "2", "3", "4", "5"], q.Choices));
        Assert.Equal(["introduce", "refer", "advise", "no"], questions[6].Choices);
        Assert.All(questions.Where(q => q.Number is 2 or 3 or 8 or 9), q => Assert.Empty(q.Choices));
    }

    [Fact]
    public void Asks_about_the_person_by_first_name()
    {
        var questions = ReflectionPromptBuilder.Build(Ada(), Today).Questions;

        Assert.Equal("What was Ada to you?", questions[0].Text);
        Assert.Equal("Could Ada help your search, by introducing you, referring you or advising you?", questions[6].Text);
        Assert.Contains("What could you offer Ada", questions[7].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Uses_the_last_name_when_the_first_name_is_missing()
    {
        var connection = new Connection("0123456789abcdef", "", "Lovelace", null, null, null, null, null);

        var prompt = ReflectionPromptBuilder.Build(connection, Today);

        Assert.Equal("Lovelace", prompt.DisplayName);
        Assert.Equal("How do you see Lovelace? (1 = would not vouch for them, 5 = would recommend them without hesitation)", prompt.Questions[5].Text);
    }

    [Fact]
    public void Falls_back_to_a_neutral_name_when_the_export_has_none()
    {
        var connection = new Connection("0123456789abcdef", "", "", "https://www.linkedin.com/in/x", null, null, null, null);

        var prompt = ReflectionPromptBuilder.Build(connection, Today);

        Assert.Equal("Unnamed connection", prompt.DisplayName);
        Assert.Equal("What was this person to you?", prompt.Questions[0].Text);
    }
}
