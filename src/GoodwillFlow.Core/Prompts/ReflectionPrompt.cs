namespace GoodwillFlow.Core.Prompts;

/// <summary>A reflection prompt about one connection, ready to be put in an email or on the reply page.</summary>
/// <param name="ConnectionId">The connection the prompt is about.</param>
/// <param name="DisplayName">The connection's name as the owner knows it.</param>
/// <param name="Context">What the export knows, as short lines (company and position, "connected for 6 years").</param>
/// <param name="Questions">The numbered questions, in order; the reply parser accepts answers by these numbers.</param>
public sealed record ReflectionPrompt(
    string ConnectionId,
    string DisplayName,
    IReadOnlyList<string> Context,
    IReadOnlyList<PromptQuestion> Questions)
{
    /// <summary>
    /// Gets what the owner's LinkedIn archive says about the relationship, as plain lines shown before the questions
    /// (see <see cref="Evidence.EvidenceLines.ForPrompt"/>); empty when the archive said nothing or only Connections.csv was read.
    /// </summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>Gets the answer the reply page pre-selects where the archive is clear, or null (see <see cref="Replies.OneClickChoice.FromEvidence"/>).</summary>
    public Evidence.EvidenceSuggestion? Suggestion { get; init; }
}

/// <summary>One question of a prompt.</summary>
/// <param name="Number">1-based number shown to the owner.</param>
/// <param name="Key">The <see cref="Replies.ReplyAnswers"/> field it fills ("relationship", "howWeKnow", ...).</param>
/// <param name="Text">The question as shown.</param>
/// <param name="Choices">Allowed one-word answers, if the question is multiple choice.</param>
public sealed record PromptQuestion(int Number, string Key, string Text, IReadOnlyList<string> Choices)
{
    /// <summary>
    /// Gets the start of the sentence the answer completes ("I still remember when we …"), so the owner's words slot
    /// into a suggested message as they wrote them; null for a question answered on its own.
    /// </summary>
    public string? SentenceStart { get; init; }

    /// <summary>Gets example answers that complete <see cref="SentenceStart"/>, shown with the question.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>Gets a value indicating whether the answer is only for the owner: it never goes into a suggested message.</summary>
    public bool IsPrivate { get; init; }

    /// <summary>
    /// Gets the question on one line, as an email shows it: the text, then the sentence to finish and an example
    /// (<c>Finish: "I still remember when we …" e.g. "shipped the payments rewrite together"</c>).
    /// </summary>
    public string FullText =>
        SentenceStart is null
            ? IsPrivate ? $"{Text} (Just for you: never put in a message.)" : Text
            : Examples.Count == 0
                ? $"{Text} \"{SentenceStart}\""
                : $"{Text} \"{SentenceStart}\" (e.g. \"{Examples[0]}\")";
}
