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
    IReadOnlyList<PromptQuestion> Questions);

/// <summary>One question of a prompt.</summary>
/// <param name="Number">1-based number shown to the owner.</param>
/// <param name="Key">The <see cref="Replies.ReplyAnswers"/> field it fills ("relationship", "howWeKnow", ...).</param>
/// <param name="Text">The question as shown.</param>
/// <param name="Choices">Allowed one-word answers, if the question is multiple choice.</param>
public sealed record PromptQuestion(int Number, string Key, string Text, IReadOnlyList<string> Choices);
