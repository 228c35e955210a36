using GoodwillFlow.Core.Replies;
using GoodwillFlow.Testing.Exports;
using F = GoodwillFlow.Core.ReplyPage.ReplyPageRenderer.Fields;

namespace GoodwillFlow.Cli.Tests.Shortlists;

/// <summary>Which section of the shortlist a planted person belongs in.</summary>
public enum PlantedTier
{
    /// <summary>Ask for a referral or introduction.</summary>
    Referral,

    /// <summary>Ask for advice.</summary>
    Advice,

    /// <summary>Reconnect, no ask.</summary>
    Reconnect,

    /// <summary>A weak tie: met once or faded, no way to help. Not a person to contact first.</summary>
    WeakTie,

    /// <summary>Skipped, not remembered or rated poorly: never listed.</summary>
    LeftOut,
}

/// <summary>One invented person, how the owner answers about them, and where they belong.</summary>
/// <param name="Row">Their row in the export.</param>
/// <param name="Answers">What the owner answers on the reply page (null: the owner skips them).</param>
/// <param name="Tier">Where they belong.</param>
/// <param name="Memory">The words of the shared memory the opener must carry, when there is one.</param>
public sealed record PlantedPerson(ExportRow Row, ReplyAnswers? Answers, PlantedTier Tier, string? Memory = null)
{
    /// <summary>Gets the name as the prompt subject shows it.</summary>
    public string DisplayName => $"{Row.FirstName} {Row.LastName}";

    /// <summary>Gets the reply page form fields that record <see cref="Answers"/> (or the skip button).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> FormFields()
    {
        if (Answers is not { } a)
        {
            return [new(F.Skip, "true")];
        }

        var fields = new List<KeyValuePair<string, string>>();
        var relationship = OneClickChoice.ValueOf(a.Relationship);
        Add(F.Relationship, relationship.Length > 0 ? relationship : null);
        Add(F.HowWeKnow, a.HowWeKnow);
        Add(F.SharedProject, a.SharedProject);
        Add(F.Strength, a.Strength?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(F.TheirPerception, a.TheirPerception?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(F.YourPerception, a.YourPerception?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (a.CouldHelp.HasFlag(HelpKind.Introduce))
        {
            Add(F.CouldHelp, "introduce");
        }

        if (a.CouldHelp.HasFlag(HelpKind.Refer))
        {
            Add(F.CouldHelp, "refer");
        }

        if (a.CouldHelp.HasFlag(HelpKind.Advise))
        {
            Add(F.CouldHelp, "advise");
        }

        Add(F.CanOffer, a.CanOffer);
        Add(F.Notes, a.Notes);
        return fields;

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }
    }
}

/// <summary>
/// A 30-person network planted for the shortlist tests, answered the way a real owner writes: noun phrases (the old
/// question's shape), sentence completions (the new one's), whole sentences about the person, lower- and upper-case
/// starts, emoji, and some people skipped, forgotten, rated poorly or only met once. Targets: Contoso and Fabrikam,
/// engineering manager roles.
/// </summary>
public static class PlantedNetwork
{
    /// <summary>The target companies, as the owner would configure them.</summary>
    public const string TargetCompanies = "Contoso,Fabrikam";

    /// <summary>The target roles.</summary>
    public const string TargetRoles = "engineering manager";

    /// <summary>Gets everyone, in export order.</summary>
    public static IReadOnlyList<PlantedPerson> People { get; } =
    [
        // Referral or introduction: warm, and able to refer or introduce.
        new(Row("Maya", "Chen", "Contoso", "Director of Engineering", "03 Mar 2016"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Boss, HowWeKnow = "She was my manager at Contoso for three years.",
                SharedProject = "the payments rewrite", Strength = 5, TheirPerception = 5, YourPerception = 5,
                CouldHelp = HelpKind.Refer | HelpKind.Introduce, CanOffer = "a hand with hiring for your platform team",
                Notes = "Pushed for my promotion in 2019.",
            },
            PlantedTier.Referral, "the payments rewrite"),
        new(Row("Tom", "Okafor", "Fabrikam", "Senior Engineering Manager", "11 Jun 2018"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Peer, HowWeKnow = "we sat next to each other on the platform team",
                SharedProject = "turned a hackathon idea into the onboarding flow", Strength = 5, TheirPerception = 5, YourPerception = 5,
                CouldHelp = HelpKind.Refer, CanOffer = "my notes on scaling on-call",
            },
            PlantedTier.Referral, "turned a hackathon idea into the onboarding flow"),
        new(Row("Priya", "Natarajan", "Contoso", "Engineering Manager", "20 Jan 2017"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Report, HowWeKnow = "She joined my team straight out of university.",
                SharedProject = "She was my report on the search relaunch; she ran the A/B tests.", Strength = 4, TheirPerception = 5, YourPerception = 5,
                CouldHelp = HelpKind.Refer | HelpKind.Advise, CanOffer = "a reference for her next promotion",
            },
            PlantedTier.Referral, null),
        new(Row("Jonas", "Berg", "Fabrikam", "Staff Engineer", "05 Sep 2015"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Peer, SharedProject = "The Atlas data migration 🚀", Strength = 4, TheirPerception = 4, YourPerception = 5,
                CouldHelp = HelpKind.Introduce, CanOffer = "feedback on his conference talk",
            },
            PlantedTier.Referral, "the Atlas data migration"),
        new(Row("Lucía", "Fernández", "Contoso", "Product Director", "14 Feb 2019"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Client, HowWeKnow = "Client on the retail analytics contract",
                SharedProject = "shipped the retail dashboard two weeks early", Strength = 4, TheirPerception = 5, YourPerception = 4,
                CouldHelp = HelpKind.Introduce | HelpKind.Refer,
            },
            PlantedTier.Referral, "shipped the retail dashboard two weeks early"),
        new(Row("Daniel", "Weiss", "Northwind", "VP Engineering", "02 Apr 2014"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Boss, SharedProject = "our 2019 cloud cost review", Strength = 4, TheirPerception = 4, YourPerception = 4,
                CouldHelp = HelpKind.Introduce, CanOffer = "an intro to the design leads I know",
            },
            PlantedTier.Referral, "our 2019 cloud cost review"),
        new(Row("Aisha", "Rahman", "Fabrikam", "Recruiting Lead", "30 Jul 2020"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Classmate, HowWeKnow = "same MSc cohort",
                SharedProject = "ran the robotics society together", Strength = 4, TheirPerception = 4, YourPerception = 5,
                CouldHelp = HelpKind.Refer | HelpKind.Introduce,
            },
            PlantedTier.Referral, "ran the robotics society together"),
        new(Row("Kenji", "Sato", "Contoso", "Principal Engineer", "09 Oct 2016"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Peer, SharedProject = "la migración del sistema de facturación", Strength = 4, TheirPerception = 4, YourPerception = 4,
                CouldHelp = HelpKind.Refer,
            },
            PlantedTier.Referral, "la migración del sistema de facturación"),

        // Advice: warm, can advise only.
        new(Row("Grace", "Hopper", "Litware", "CTO", "12 Dec 2013"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Boss, SharedProject = "the compiler team offsite", Strength = 4, TheirPerception = 5, YourPerception = 5,
                CouldHelp = HelpKind.Advise, CanOffer = "help hiring senior engineers",
            },
            PlantedTier.Advice, "the compiler team offsite"),
        new(Row("Omar", "Haddad", "Tailspin", "Engineering Manager", "18 May 2018"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Peer, SharedProject = "rebuilt the deploy pipeline in a weekend", Strength = 4, TheirPerception = 4, YourPerception = 4,
                CouldHelp = HelpKind.Advise,
            },
            PlantedTier.Advice, "rebuilt the deploy pipeline in a weekend"),
        new(Row("Sofia", "Rossi", "Adatum", "Head of Product", "22 Aug 2017"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Client, SharedProject = "We launched the loyalty app together.", Strength = 3, TheirPerception = 4, YourPerception = 4,
                CouldHelp = HelpKind.Advise, CanOffer = "user research contacts",
            },
            PlantedTier.Advice, "launched the loyalty app together"),
        new(Row("Ben", "Carter", "Woodgrove", "Engineering Coach", "03 Jan 2021"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Peer, SharedProject = "the mentoring circle", Strength = 3, TheirPerception = 4, YourPerception = 5,
                CouldHelp = HelpKind.Advise,
            },
            PlantedTier.Advice, "the mentoring circle"),

        // Reconnect: warm, no way to help named.
        new(Row("Elena", "Popescu", "Proseware", "Designer", "15 Mar 2016"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Peer, SharedProject = "the design system", Strength = 4, TheirPerception = 4, YourPerception = 5,
                CanOffer = "a review of her portfolio",
            },
            PlantedTier.Reconnect, "the design system"),
        new(Row("Marcus", "Lee", "Alpine Ski House", "Founder", "01 Nov 2012"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Classmate, SharedProject = "built a startup in our final year", Strength = 4, TheirPerception = 4, YourPerception = 4,
            },
            PlantedTier.Reconnect, "built a startup in our final year"),
        new(Row("Hannah", "Schmidt", "Relecloud", "QA Lead", "27 Jun 2019"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Report, Strength = 3, TheirPerception = 4, YourPerception = 4,
                CanOffer = "a LinkedIn recommendation",
            },
            PlantedTier.Reconnect),

        // Weak ties: met once or faded, with no way to help. Not people to contact first.
        new(Row("Chris", "Nolan", "Contoso", "Developer Advocate", "10 Oct 2022"),
            new ReplyAnswers { Relationship = RelationshipKind.MetOnce, HowWeKnow = "met at a conference", Strength = 1, TheirPerception = 3, YourPerception = 3 },
            PlantedTier.WeakTie),
        new(Row("Dana", "Kim", "Fabrikam", "Engineer", "10 Oct 2022"),
            new ReplyAnswers { Relationship = RelationshipKind.MetOnce, Strength = 2, TheirPerception = 3, YourPerception = 3 },
            PlantedTier.WeakTie),
        new(Row("Eli", "Brooks", "Litware", "Engineer", "10 Oct 2022"),
            new ReplyAnswers { Relationship = RelationshipKind.MetOnce, Strength = 1, TheirPerception = 3, YourPerception = 4, CanOffer = "intros to the Rust meetup organisers" },
            PlantedTier.WeakTie),
        new(Row("Farah", "Ali", "Tailspin", "Analyst", "10 Oct 2022"),
            new ReplyAnswers { Relationship = RelationshipKind.MetOnce, Strength = 2, TheirPerception = 3, YourPerception = 3 },
            PlantedTier.WeakTie),
        new(Row("Gus", "Moreno", "Northwind", "Sales Engineer", "10 Oct 2022"),
            new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 1, TheirPerception = 3, YourPerception = 3 },
            PlantedTier.WeakTie),

        // Left out: skipped, not remembered, or rated poorly either way.
        new(Row("Ivan", "Petrov", "Contoso", "Engineering Manager", "01 Feb 2020"), null, PlantedTier.LeftOut),
        new(Row("Julia", "Novak", "Fabrikam", "Engineering Manager", "01 Feb 2020"),
            new ReplyAnswers { Relationship = RelationshipKind.DontRemember }, PlantedTier.LeftOut),
        new(Row("Karl", "Lund", "Contoso", "Director", "01 Feb 2015"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Boss, SharedProject = "the reorg", Strength = 4, TheirPerception = 2, YourPerception = 4,
                CouldHelp = HelpKind.Refer,
            },
            PlantedTier.LeftOut),
        new(Row("Lena", "Voss", "Fabrikam", "Engineering Manager", "01 Feb 2015"),
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Peer, SharedProject = "the audit", Strength = 4, TheirPerception = 4, YourPerception = 1,
                CouldHelp = HelpKind.Introduce,
            },
            PlantedTier.LeftOut),
        new(Row("Max", "Turner", "Litware", "Engineer", "01 Feb 2020"), null, PlantedTier.LeftOut),
        new(Row("Nora", "Quinn", "Adatum", "Engineer", "01 Feb 2020"),
            new ReplyAnswers { Relationship = RelationshipKind.DontRemember }, PlantedTier.LeftOut),
        new(Row("Oscar", "Diaz", "Contoso", "Engineer", "01 Feb 2021"),
            new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 3, TheirPerception = 1, YourPerception = 3, CouldHelp = HelpKind.Refer },
            PlantedTier.LeftOut),
        new(Row("Paula", "Reyes", "Proseware", "Engineer", "01 Feb 2021"), null, PlantedTier.LeftOut),
        new(Row("Quentin", "Blake", "Relecloud", "Engineer", "01 Feb 2021"),
            new ReplyAnswers { Relationship = RelationshipKind.Client, Strength = 4, TheirPerception = 2, YourPerception = 2 },
            PlantedTier.LeftOut),
        new(Row("Rosa", "Marin", "Woodgrove", "Engineer", "01 Feb 2021"), null, PlantedTier.LeftOut),
    ];

    /// <summary>Gets the person a prompt subject ("Goodwill 3/30: Maya Chen") is about.</summary>
    public static PlantedPerson ForSubject(string subject) =>
        People.Single(p => subject.EndsWith(": " + p.DisplayName, StringComparison.Ordinal));

    private static ExportRow Row(string first, string last, string company, string position, string connectedOn) =>
        new(first, last, $"{first}-{last}".ToLowerInvariant().Replace('í', 'i'), company, position, connectedOn);
}
