using System.Globalization;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>
/// The lines under a shortlist entry, in the order a job seeker reads them: the owner's own words (quoted, so a whole
/// sentence never breaks a line), then why they are listed, then the figures.
/// </summary>
internal static class EntryReasons
{
    public static (List<string> Words, IReadOnlyList<string> Why, List<string> Figures) Of(
        Connection connection, ReplyAnswers answers, GoodwillScore score, DateOnly today)
    {
        var words = new List<string>(4);
        Quoted(words, "Shared memory", answers.SharedProject);
        Quoted(words, "How you know each other", answers.HowWeKnow);
        Quoted(words, "You could offer", answers.CanOffer);
        Quoted(words, "Your notes", answers.Notes);
        var figures = new List<string>(3) { string.Create(CultureInfo.InvariantCulture, $"Goodwill {score.Score}/100") };
        if (answers.Strength is { } strength)
        {
            figures.Add(string.Create(CultureInfo.InvariantCulture, $"Relationship strength {strength}/5"));
        }

        if (connection.ConnectedOn is { } since && since <= today)
        {
            figures.Add(string.Create(CultureInfo.InvariantCulture, $"Connected on LinkedIn since {since.Year}"));
        }

        return (words, score.Reasons, figures);
    }

    private static void Quoted(List<string> lines, string label, string? text)
    {
        if (OwnerWords.Quote(text, OwnerWords.ReasonLength) is { } quote)
        {
            lines.Add($"{label}: “{quote}”");
        }
    }
}
