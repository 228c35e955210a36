namespace GoodwillFlow.Core.Replies;

/// <summary>One person's answers in a reply to a digest.</summary>
/// <param name="Position">The person's 1-based position in the digest.</param>
/// <param name="Answers">What the owner answered about them.</param>
public sealed record DigestSectionAnswers(int Position, ReplyAnswers Answers);
