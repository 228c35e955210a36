namespace GoodwillFlow.Core.Prompts;

/// <summary>
/// The keys and numbers of the reflection prompt's questions. The numbers are part of the reply-by-email contract
/// (the owner answers "1. peer 2. ..."), so they never change meaning: new questions get new numbers at the end.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Number</term><description>Key: <see cref="Replies.ReplyAnswers"/> property, and the answers accepted</description></listheader>
/// <item><term>1</term><description><c>relationship</c>: <see cref="Replies.ReplyAnswers.Relationship"/>; one of boss, report, peer, client, classmate, met-once, dont-remember (the <see cref="Replies.OneClickChoice"/> values)</description></item>
/// <item><term>2</term><description><c>howWeKnow</c>: <see cref="Replies.ReplyAnswers.HowWeKnow"/>; free text, private (never in a suggested message)</description></item>
/// <item><term>3</term><description><c>sharedProject</c>: <see cref="Replies.ReplyAnswers.SharedProject"/>; free text finishing "I still remember when we …" (answers written before the rewording are noun phrases such as "the payments rewrite"; both read well)</description></item>
/// <item><term>4</term><description><c>strength</c>: <see cref="Replies.ReplyAnswers.Strength"/>; 1 to 5</description></item>
/// <item><term>5</term><description><c>theirPerception</c>: <see cref="Replies.ReplyAnswers.TheirPerception"/>; 1 to 5</description></item>
/// <item><term>6</term><description><c>yourPerception</c>: <see cref="Replies.ReplyAnswers.YourPerception"/>; 1 to 5</description></item>
/// <item><term>7</term><description><c>couldHelp</c>: <see cref="Replies.ReplyAnswers.CouldHelp"/>; any of introduce, refer, advise, or no</description></item>
/// <item><term>8</term><description><c>canOffer</c>: <see cref="Replies.ReplyAnswers.CanOffer"/>; free text finishing "I'd be glad to offer you …"</description></item>
/// <item><term>9</term><description><c>notes</c>: <see cref="Replies.ReplyAnswers.Notes"/>; free text, private</description></item>
/// </list>
/// </remarks>
public static class PromptQuestionKeys
{
    /// <summary>Question 1: how the owner knows them (reporting line). Fills <see cref="Replies.ReplyAnswers.Relationship"/>.</summary>
    public const string Relationship = "relationship";

    /// <summary>Question 2: how and why they know each other. Fills <see cref="Replies.ReplyAnswers.HowWeKnow"/>.</summary>
    public const string HowWeKnow = "howWeKnow";

    /// <summary>Question 3: a shared project. Fills <see cref="Replies.ReplyAnswers.SharedProject"/>.</summary>
    public const string SharedProject = "sharedProject";

    /// <summary>Question 4: relationship strength, 1 to 5. Fills <see cref="Replies.ReplyAnswers.Strength"/>.</summary>
    public const string Strength = "strength";

    /// <summary>Question 5: how they would perceive the owner, 1 to 5. Fills <see cref="Replies.ReplyAnswers.TheirPerception"/>.</summary>
    public const string TheirPerception = "theirPerception";

    /// <summary>Question 6: how the owner perceives them, 1 to 5. Fills <see cref="Replies.ReplyAnswers.YourPerception"/>.</summary>
    public const string YourPerception = "yourPerception";

    /// <summary>Question 7: whether they could help (introduce, refer, advise, no). Fills <see cref="Replies.ReplyAnswers.CouldHelp"/>.</summary>
    public const string CouldHelp = "couldHelp";

    /// <summary>Question 8: what the owner could offer them. Fills <see cref="Replies.ReplyAnswers.CanOffer"/>.</summary>
    public const string CanOffer = "canOffer";

    /// <summary>Question 9: anything else. Fills <see cref="Replies.ReplyAnswers.Notes"/>.</summary>
    public const string Notes = "notes";

    /// <summary>Gets the keys in question order: the key of question <c>n</c> is at index <c>n - 1</c>.</summary>
    public static IReadOnlyList<string> InOrder { get; } =
        [Relationship, HowWeKnow, SharedProject, Strength, TheirPerception, YourPerception, CouldHelp, CanOffer, Notes];

    /// <summary>Gets the answers accepted for question 1, in the order offered (the <see cref="Replies.OneClickChoice"/> values without skip).</summary>
    public static IReadOnlyList<string> RelationshipChoices { get; } =
        Replies.OneClickChoice.All.Select(c => c.Value).Where(v => v != Replies.OneClickChoice.Skip).ToArray();

    /// <summary>Gets the answers accepted for question 7; several may be given together, except "no".</summary>
    public static IReadOnlyList<string> HelpChoices { get; } = ["introduce", "refer", "advise", "no"];

    /// <summary>Gets the answers accepted for the 1-to-5 scale questions (4, 5 and 6).</summary>
    public static IReadOnlyList<string> ScaleChoices { get; } = ["1", "2", "3", "4", "5"];

    /// <summary>Returns the question number (1-based) for <paramref name="key"/>, or 0 when the key is unknown.</summary>
    public static int NumberOf(string key)
    {
        for (var i = 0; i < InOrder.Count; i++)
        {
            if (string.Equals(InOrder[i], key, StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return 0;
    }
}
