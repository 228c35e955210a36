using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Core.Tests.Shortlists;

/// <summary>
/// The opener and the ask over answers as owners really write them. Each case asserts the whole message, because a
/// job seeker sends the whole message.
/// </summary>
public class OpenerWriterTests
{
    private static readonly OwnerTargets Targets = new(["Contoso", "Fabrikam"], ["engineering manager"]);

    private static readonly Connection Maya = ShortlistCompilerTests.Person("Maya", "Chen", "Contoso", "Director of Engineering");

    private static readonly Connection Daniel = ShortlistCompilerTests.Person("Daniel", "Weiss", "Northwind", "VP Engineering");

    /// <summary>The shared memory as written, and the opener it gives (Maya was the owner's peer at Contoso).</summary>
    public static TheoryData<string?, string> Memories => new()
    {
        // The old question's shape: noun phrases.
        { "the payments rewrite", "Hi Maya, I still remember our work on the payments rewrite. How are things at Contoso?" },
        { "The Atlas data migration", "Hi Maya, I still remember our work on the Atlas data migration. How are things at Contoso?" },
        { "our 2019 cloud cost review", "Hi Maya, I still remember our 2019 cloud cost review. How are things at Contoso?" },
        { "Project Atlas", "Hi Maya, I still remember our work on Project Atlas. How are things at Contoso?" },

        // The new question's shape: the rest of "I still remember when we …", with or without its start copied in.
        { "shipped the payments rewrite together", "Hi Maya, I still remember when we shipped the payments rewrite together. How are things at Contoso?" },
        { "Built the onboarding flow from a hackathon idea.", "Hi Maya, I still remember when we built the onboarding flow from a hackathon idea. How are things at Contoso?" },
        { "I still remember when we rebuilt the deploy pipeline in a weekend", "Hi Maya, I still remember when we rebuilt the deploy pipeline in a weekend. How are things at Contoso?" },
        { "…ran the robotics society together!", "Hi Maya, I still remember when we ran the robotics society together. How are things at Contoso?" },
        { "building the robotics rig", "Hi Maya, I still remember building the robotics rig with you. How are things at Contoso?" },

        // Whole sentences anyway: in a sentence of their own when they can be said to Maya, otherwise left to the reasons.
        { "We launched the loyalty app together. It was a blast!", "Hi Maya, I still remember when we launched the loyalty app together. How are things at Contoso?" },
        { "You taught me how to run a postmortem.", "Hi Maya, I still remember when you taught me how to run a postmortem. How are things at Contoso?" },
        { "She was my manager on the payments rewrite; she pushed for my promotion", "Hi Maya, it has been a while since we worked together, and I have been meaning to catch up. How are things at Contoso?" },
        { "Maya pushed for my promotion", "Hi Maya, it has been a while since we worked together, and I have been meaning to catch up. How are things at Contoso?" },
        { "he ran the A/B tests", "Hi Maya, it has been a while since we worked together, and I have been meaning to catch up. How are things at Contoso?" },

        // Pronouns about Maya become "you" and "your".
        { "the hackathon her team won", "Hi Maya, I still remember our work on the hackathon your team won. How are things at Contoso?" },
        { "covered for him during the outage", "Hi Maya, I still remember when we covered for you during the outage. How are things at Contoso?" },

        // Empty or placeholder answers never reach a message.
        { null, "Hi Maya, it has been a while since we worked together, and I have been meaning to catch up. How are things at Contoso?" },
        { "   ", "Hi Maya, it has been a while since we worked together, and I have been meaning to catch up. How are things at Contoso?" },
        { "None", "Hi Maya, it has been a while since we worked together, and I have been meaning to catch up. How are things at Contoso?" },
        { "n/a", "Hi Maya, it has been a while since we worked together, and I have been meaning to catch up. How are things at Contoso?" },

        // Emoji, another language, and text too long for one line.
        { "The Atlas data migration 🚀", "Hi Maya, I still remember our work on the Atlas data migration 🚀. How are things at Contoso?" },
        { "la migración del sistema de facturación", "Hi Maya, I still remember our work on la migración del sistema de facturación. How are things at Contoso?" },
        { "決済システムの刷新", "Hi Maya, I still remember our work on 決済システムの刷新. How are things at Contoso?" },
        {
            "the payments rewrite, which took eighteen months, three re-plans, two new CTOs and more late nights than either of us would like to admit to anyone",
            "Hi Maya, I still remember our work on the payments rewrite. How are things at Contoso?"
        },
        {
            string.Join(' ', Enumerable.Repeat("replatforming", 30)),
            "Hi Maya, it has been a while since we worked together, and I have been meaning to catch up. How are things at Contoso?"
        },
        { "the   payments\r\n rewrite  ", "Hi Maya, I still remember our work on the payments rewrite. How are things at Contoso?" },
    };

    [Theory]
    [MemberData(nameof(Memories))]
    public void Opener_carries_the_shared_memory_as_a_grammatical_line_to_the_person(string? memory, string expected)
    {
        var message = OpenerWriter.Write(Maya, new ReplyAnswers { Relationship = RelationshipKind.Peer, SharedProject = memory }, Targets, worksAtTarget: true);

        Assert.Equal(expected, message.Opener);
        Assert.Equal("", message.Ask);
    }

    /// <summary>What they could do and what the owner could offer, and the ask it gives (Maya works at a target).</summary>
    public static TheoryData<HelpKind, string?, string> Asks => new()
    {
        {
            HelpKind.Refer | HelpKind.Introduce, "a hand with hiring for your platform team",
            "I am looking for an engineering manager role at Contoso. Would you be open to referring me, or introducing me to the hiring manager? In return, I'd be glad to offer you a hand with hiring for your platform team."
        },
        { HelpKind.Refer, null, "I am looking for an engineering manager role at Contoso. Would you be open to referring me?" },
        { HelpKind.Introduce, "None", "I am looking for an engineering manager role. Could you introduce me to someone at Contoso I should talk to?" },
        {
            HelpKind.Advise, "feedback on her conference talk",
            "Could I borrow twenty minutes of your time for your advice on my search for engineering manager roles? In return, I'd be glad to offer you feedback on your conference talk."
        },
        { HelpKind.Introduce | HelpKind.Advise, "review your portfolio", "I am looking for an engineering manager role. Could you introduce me to someone at Contoso I should talk to? In return, I'd be glad to review your portfolio." },
        { HelpKind.None, "I can review her team's hiring loop", "If it would help, I'd be glad to review your team's hiring loop." },
        { HelpKind.None, "I'd be glad to offer you my notes on scaling on-call.", "If it would help, I'd be glad to offer you my notes on scaling on-call." },
        { HelpKind.None, "An intro to the design leads I know 🙂", "If it would help, I'd be glad to offer you an intro to the design leads I know 🙂." },
        { HelpKind.None, "help hiring senior engineers", "If it would help, I'd be glad to offer you help hiring senior engineers." },
        { HelpKind.None, "help with your hiring loop", "If it would help, I'd be glad to help with your hiring loop." },
        { HelpKind.None, "She needs a new job more than I do", "" },
        { HelpKind.None, "", "" },
    };

    [Theory]
    [MemberData(nameof(Asks))]
    public void Ask_fits_what_the_owner_said_they_could_do_and_offers_something_in_return(HelpKind help, string? offer, string expected)
    {
        var message = OpenerWriter.Write(Maya, new ReplyAnswers { Relationship = RelationshipKind.Boss, CouldHelp = help, CanOffer = offer }, Targets, worksAtTarget: true);

        Assert.Equal(expected, message.Ask);
        Assert.Equal("Hi Maya, I still think about what I learned working for you. How are things at Contoso?", message.Opener);
    }

    [Fact]
    public void Away_from_the_targets_the_ask_is_for_an_opening_there_or_an_introduction_to_a_target()
    {
        var refer = OpenerWriter.Write(Daniel, new ReplyAnswers { Relationship = RelationshipKind.Boss, CouldHelp = HelpKind.Refer }, Targets, worksAtTarget: false);
        var introduce = OpenerWriter.Write(Daniel, new ReplyAnswers { Relationship = RelationshipKind.Client, CouldHelp = HelpKind.Introduce }, Targets, worksAtTarget: false);
        var noTargets = OpenerWriter.Write(Daniel with { Company = null }, new ReplyAnswers { CouldHelp = HelpKind.Refer }, OwnerTargets.None, worksAtTarget: false);

        Assert.Equal("I am looking for an engineering manager role. If one opens at Northwind, would you be open to referring me?", refer.Ask);
        Assert.Equal("Hi Daniel, I have fond memories of working with you. How are things at Northwind?", introduce.Opener);
        Assert.Equal("I am looking for an engineering manager role. Could you introduce me to someone you know at Contoso or Fabrikam?", introduce.Ask);
        Assert.Equal("Hi Daniel, it has been a while, and I have been meaning to catch up. How have you been?", noTargets.Opener);
        Assert.Equal("I am looking for a new role. Would you be open to referring me when you hear of one?", noTargets.Ask);
    }

    [Fact]
    public void Private_answers_never_reach_the_message()
    {
        var answers = new ReplyAnswers
        {
            Relationship = RelationshipKind.Peer,
            HowWeKnow = "we sat next to each other",
            Notes = "Can be prickly in reviews",
            TheirPerception = 5,
            YourPerception = 3,
            CouldHelp = HelpKind.Advise,
        };

        var message = OpenerWriter.Write(Maya, answers, Targets, worksAtTarget: true);

        Assert.Equal(
            "Hi Maya, it has been a while since we worked together, and I have been meaning to catch up. How are things at Contoso? "
            + "Could I borrow twenty minutes of your time for your advice on my search for engineering manager roles?",
            message.Text);
    }

    [Fact]
    public void A_nameless_connection_is_greeted_without_a_name_and_never_as_none()
    {
        var nameless = ShortlistCompilerTests.Person("", "") with { Company = "  " };

        var message = OpenerWriter.Write(nameless, new ReplyAnswers { Relationship = RelationshipKind.MetOnce, SharedProject = "the Rust meetup panel" }, Targets, worksAtTarget: false);

        Assert.Equal("Hi, I still remember our work on the Rust meetup panel. How have you been?", message.Opener);
    }
}
