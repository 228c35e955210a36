namespace GoodwillFlow.Core.Replies;

/// <summary>How the owner knows a connection.</summary>
public enum RelationshipKind
{
    /// <summary>Not answered.</summary>
    Unknown,

    /// <summary>The connection was the owner's manager.</summary>
    Boss,

    /// <summary>The connection reported to the owner.</summary>
    Report,

    /// <summary>Colleagues at a similar level.</summary>
    Peer,

    /// <summary>A client or customer.</summary>
    Client,

    /// <summary>Studied together.</summary>
    Classmate,

    /// <summary>Met once (an event, a call).</summary>
    MetOnce,

    /// <summary>The owner does not remember this person.</summary>
    DontRemember,
}

/// <summary>Ways a connection could help the owner's search.</summary>
[Flags]
public enum HelpKind
{
    /// <summary>No help expected or not answered.</summary>
    None = 0,

    /// <summary>Introduce the owner to someone.</summary>
    Introduce = 1,

    /// <summary>Refer the owner for a role.</summary>
    Refer = 2,

    /// <summary>Give advice.</summary>
    Advise = 4,
}

/// <summary>
/// The owner's answers to one reflection prompt. Scales are 1 (poor) to 5 (excellent), null when not answered.
/// </summary>
public sealed record ReplyAnswers
{
    /// <summary>Gets a value indicating whether the owner chose "skip / don't know them".</summary>
    public bool Skip { get; init; }

    /// <summary>Gets the relationship kind.</summary>
    public RelationshipKind Relationship { get; init; }

    /// <summary>Gets how and why they know each other, in the owner's words.</summary>
    public string? HowWeKnow { get; init; }

    /// <summary>Gets a project they worked on together, in the owner's words.</summary>
    public string? SharedProject { get; init; }

    /// <summary>Gets how strong the relationship is, 1 to 5.</summary>
    public int? Strength { get; init; }

    /// <summary>Gets how the owner thinks the connection perceives them, 1 to 5.</summary>
    public int? TheirPerception { get; init; }

    /// <summary>Gets how the owner perceives the connection, 1 to 5.</summary>
    public int? YourPerception { get; init; }

    /// <summary>Gets the ways the connection could help.</summary>
    public HelpKind CouldHelp { get; init; }

    /// <summary>Gets what the owner could offer the connection, in the owner's words.</summary>
    public string? CanOffer { get; init; }

    /// <summary>Gets any other notes.</summary>
    public string? Notes { get; init; }
}
