using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>Writes a suggested first line for a message, drawn from the shared history the owner described.</summary>
internal static class OpenerWriter
{
    public static string Write(Connection connection, ReplyAnswers answers)
    {
        var first = connection.FirstName.Trim();
        var greeting = first.Length > 0 ? $"Hi {first}," : "Hi,";
        var company = OwnerWords.Phrase(connection.Company, OwnerWords.OpenerLength);
        var catchUp = company is null ? "how have you been?" : $"how are things at {company}?";

        if (OwnerWords.Phrase(answers.SharedProject, OwnerWords.OpenerLength) is { } project)
        {
            return $"{greeting} I was thinking about our work together on {project} — {catchUp}";
        }

        var history = answers.Relationship switch
        {
            RelationshipKind.Boss => "I still think about what I learned working for you",
            RelationshipKind.Report => "I was thinking about our time working together on my team",
            RelationshipKind.Peer => "I was thinking about our time working together",
            RelationshipKind.Client => "I was thinking about how much I enjoyed working with you",
            RelationshipKind.Classmate => "I was thinking about our time studying together",
            RelationshipKind.MetOnce => "we met a while back and I have been meaning to reconnect",
            _ => "it has been a while",
        };
        return $"{greeting} {history} — {catchUp}";
    }
}
