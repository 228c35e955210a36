namespace GoodwillFlow.Core.Replies;

/// <summary>
/// Reads free-text email replies to a prompt: numbered or labelled answers, one-word answers, with the quoted
/// earlier message and the signature removed.
/// </summary>
public static class EmailReplyParser
{
    /// <summary>Returns only what the owner wrote: the quoted thread and signature removed.</summary>
    public static string ExtractNewText(string emailBody) =>
        throw new NotImplementedException("Owned by the replies work package.");

    /// <summary>Parses the owner's answers; returns null when the text holds no recognisable answer.</summary>
    public static ReplyAnswers? Parse(string emailBody) =>
        throw new NotImplementedException("Owned by the replies work package.");
}
