using System.Globalization;
using System.Text;
using GoodwillFlow.Core.Prompts;

namespace GoodwillFlow.Core.Email;

/// <summary>
/// One prompt's reply-by-email section (how to answer, an example reply, and the numbered questions with their
/// sentences to finish), in HTML and plain text. The prompt email uses it; any email that carries several prompts
/// (a digest) can call it once per prompt.
/// </summary>
internal static class PromptQuestionsContent
{
    /// <summary>The example reply shown with the reply-by-email instructions, one answer a line.</summary>
    public static readonly string[] ExampleReply =
        ["1. peer", "3. shipped the billing system together", "4. 4", "7. refer, advise", "8. feedback on your next talk"];

    private const string HowTo = "Reply to this email with numbered answers, for example:";

    private const string Hint =
        "Answer as many as you like and skip the rest. For 3 and 8, just finish the sentence: your words go into the message the shortlist suggests. Reply \"skip\" if you don't know them.";

    /// <summary>Appends the section to an HTML email, under the heading <paramref name="heading"/>.</summary>
    public static EmailHtml AppendHtml(EmailHtml html, ReflectionPrompt prompt, string heading = "Or reply to this email")
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(prompt);
        return html.Heading(heading)
            .Paragraph(HowTo)
            .Quote(ExampleReply)
            .Paragraph(Hint, muted: true)
            .Numbered(prompt.Questions.Select(q => (q.Number, Line(q))));
    }

    /// <summary>Appends the section to a plain-text email.</summary>
    public static StringBuilder AppendText(StringBuilder text, ReflectionPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(prompt);
        text.AppendLine("Or r" + HowTo[1..]);
        foreach (var line in ExampleReply)
        {
            text.AppendLine(line);
        }

        text.AppendLine(Hint).AppendLine();
        foreach (var question in prompt.Questions)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{question.Number}. {Line(question)}");
        }

        return text;
    }

    /// <summary>
    /// Gets a question as one line: its text with the sentence to finish, and the accepted one-word answers when the
    /// text does not already name them (the scale questions explain their ends in the text and need no list of digits).
    /// </summary>
    public static string Line(PromptQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var named = question.Choices.SequenceEqual(PromptQuestionKeys.ScaleChoices)
            || question.Choices.All(c => question.Text.Contains(c, StringComparison.OrdinalIgnoreCase));
        return named ? question.FullText : $"{question.FullText} ({string.Join(", ", question.Choices)})";
    }
}
