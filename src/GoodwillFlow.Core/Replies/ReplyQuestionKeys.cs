namespace GoodwillFlow.Core.Replies;

/// <summary>
/// The keys and numbers of the prompt's questions, as the email reply parser reads them. The prompt builder numbers
/// its questions in this order; both sides agree through these keys.
/// </summary>
public static class ReplyQuestionKeys
{
    /// <summary>Question 1: how the owner knows them (boss, report, peer, client, classmate, met once, don't remember).</summary>
    public const string Relationship = "relationship";

    /// <summary>Question 2: how and why they know each other (free text).</summary>
    public const string HowWeKnow = "howWeKnow";

    /// <summary>Question 3: a project they worked on together (free text).</summary>
    public const string SharedProject = "sharedProject";

    /// <summary>Question 4: how strong the relationship is, 1 to 5.</summary>
    public const string Strength = "strength";

    /// <summary>Question 5: how the owner thinks they perceive the owner, 1 to 5.</summary>
    public const string TheirPerception = "theirPerception";

    /// <summary>Question 6: how the owner perceives them, 1 to 5.</summary>
    public const string YourPerception = "yourPerception";

    /// <summary>Question 7: whether they could help (introduce, refer, advise, no; several allowed).</summary>
    public const string CouldHelp = "couldHelp";

    /// <summary>Question 8: what the owner could offer them (free text).</summary>
    public const string CanOffer = "canOffer";

    /// <summary>Question 9: anything else (free text).</summary>
    public const string Notes = "notes";

    /// <summary>Gets the keys in question order: the key of question <c>n</c> is at index <c>n - 1</c>.</summary>
    public static IReadOnlyList<string> InOrder { get; } =
        [Relationship, HowWeKnow, SharedProject, Strength, TheirPerception, YourPerception, CouldHelp, CanOffer, Notes];
}
