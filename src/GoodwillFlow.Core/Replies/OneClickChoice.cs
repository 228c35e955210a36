using GoodwillFlow.Core.Evidence;

namespace GoodwillFlow.Core.Replies;

/// <summary>
/// The one-click answers offered in a prompt email. Each is a link to the reply page with <c>?choice={value}</c>;
/// the page opens pre-filled with that choice and records nothing until the owner submits (mail scanners follow links).
/// </summary>
public static class OneClickChoice
{
    /// <summary>The query-string parameter that carries the choice.</summary>
    public const string QueryParameter = "choice";

    /// <summary>The value for "skip / don't know them".</summary>
    public const string Skip = "skip";

    /// <summary>Gets the choices in the order they are offered, with their labels.</summary>
    public static IReadOnlyList<(string Value, string Label)> All { get; } =
    [
        ("boss", "My boss"),
        ("report", "Reported to me"),
        ("peer", "Peer"),
        ("client", "Client"),
        ("classmate", "Classmate"),
        ("met-once", "Met once"),
        ("dont-remember", "Don't remember"),
        (Skip, "Skip"),
    ];

    /// <summary>
    /// Returns the relationship strength the reply page pre-selects from the owner's LinkedIn archive, only where the
    /// evidence is clear (see <see cref="EvidenceReading.IsClear"/>): 4 of 5 when it is strong (a recommendation, or
    /// recent messages both ways), 1 of 5 ("faded") when only one side wrote and nothing in years; otherwise null.
    /// The owner still decides: nothing is recorded until they submit the page.
    /// </summary>
    public static EvidenceSuggestion? FromEvidence(EvidenceStrength strength) => strength switch
    {
        EvidenceStrength.Strong => new EvidenceSuggestion(4, "Your LinkedIn archive suggests a strong tie"),
        EvidenceStrength.Faded => new EvidenceSuggestion(1, "Your LinkedIn archive suggests this tie has faded"),
        _ => null,
    };

    /// <summary>Returns the link for a choice: the reply page URL with <c>?choice=value</c>.</summary>
    public static Uri Link(Uri replyPageUrl, string value)
    {
        ArgumentNullException.ThrowIfNull(replyPageUrl);
        var separator = string.IsNullOrEmpty(replyPageUrl.Query) ? '?' : '&';
        return new Uri(replyPageUrl + $"{separator}{QueryParameter}={Uri.EscapeDataString(value)}");
    }

    /// <summary>
    /// Returns the one-word value of a relationship (<c>boss</c>, <c>met-once</c>…), as the email, the form and the
    /// shortlist exports write it; empty for <see cref="RelationshipKind.Unknown"/>.
    /// </summary>
    public static string ValueOf(RelationshipKind relationship) =>
        relationship == RelationshipKind.Unknown
            ? ""
            : All.FirstOrDefault(c => ToAnswers(c.Value) is { Skip: false } a && a.Relationship == relationship).Value ?? "";

    /// <summary>Turns a choice value into pre-filled answers; null for a missing or unknown value.</summary>
    public static ReplyAnswers? ToAnswers(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "boss" => new ReplyAnswers { Relationship = RelationshipKind.Boss },
        "report" => new ReplyAnswers { Relationship = RelationshipKind.Report },
        "peer" => new ReplyAnswers { Relationship = RelationshipKind.Peer },
        "client" => new ReplyAnswers { Relationship = RelationshipKind.Client },
        "classmate" => new ReplyAnswers { Relationship = RelationshipKind.Classmate },
        "met-once" => new ReplyAnswers { Relationship = RelationshipKind.MetOnce },
        "dont-remember" => new ReplyAnswers { Relationship = RelationshipKind.DontRemember },
        Skip => new ReplyAnswers { Skip = true },
        _ => null,
    };
}
