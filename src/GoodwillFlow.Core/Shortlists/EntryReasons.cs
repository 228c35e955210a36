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
    public static IReadOnlyList<string> Of(Connection connection, ReplyAnswers answers, GoodwillScore score, DateOnly today)
    {
        var lines = new List<string>(10);
        Quoted(lines, "Shared memory", answers.SharedProject);
        Quoted(lines, "How you know each other", answers.HowWeKnow);
        Quoted(lines, "You could offer", answers.CanOffer);
        Quoted(lines, "Your notes", answers.Notes);
        lines.AddRange(score.Reasons);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"Goodwill {score.Score}/100"));
        if (answers.Strength is { } strength)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Relationship strength {strength}/5"));
        }

        if (connection.ConnectedOn is { } since && since <= today)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Connected on LinkedIn since {since.Year}"));
        }

        return lines;
    }

    private static void Quoted(List<string> lines, string label, string? text)
    {
        if (OwnerWords.Quote(text, OwnerWords.ReasonLength) is { } quote)
        {
            lines.Add($"{label}: “{quote}”");
        }
    }
}
