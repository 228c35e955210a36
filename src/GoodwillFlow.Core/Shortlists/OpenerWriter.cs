using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>A suggested message to one connection, in two parts the owner can use together or apart.</summary>
/// <param name="Opener">The greeting, the owner's shared memory (or their history) and a catch-up.</param>
/// <param name="Ask">The explicit ask that fits what the owner said the connection could do, and the owner's offer in
/// return; empty for a warm reconnect with nothing to ask or offer.</param>
public sealed record SuggestedMessage(string Opener, string Ask)
{
    /// <summary>Gets the opener and the ask as one message.</summary>
    public string Text => Ask.Length == 0 ? Opener : $"{Opener} {Ask}";
}

/// <summary>
/// Writes the opener and the ask for one connection, addressed to them as "you", in the owner's words where the owner
/// gave some that fit a sentence. Private answers (how the owner sees them, how they know each other, notes) are never
/// used.
/// </summary>
internal static class OpenerWriter
{
    public static SuggestedMessage Write(Connection connection, ReplyAnswers answers, OwnerTargets targets, bool worksAtTarget)
    {
        var first = OwnerWords.Phrase(connection.FirstName, 40) ?? "";
        var greeting = first.Length > 0 ? $"Hi {first}," : "Hi,";
        var company = OwnerWords.Phrase(connection.Company, 60);
        var memory = OwnerPhrases.MemorySentence(answers.SharedProject, first) ?? History(answers.Relationship);
        var catchUp = company is null ? "How have you been?" : $"How are things at {company}?";
        var opener = $"{greeting} {AfterGreeting(memory)} {catchUp}";

        var ask = Ask(answers.CouldHelp, company, targets, worksAtTarget);
        // With an ask, the offer is something in return; with none (a reconnect), it is simply an offer.
        var offer = OwnerPhrases.OfferSentence(answers.CanOffer, first) is { } sentence
            ? (ask is null ? "If it would help, " : "In return, ") + sentence
            : null;
        var parts = new[] { ask, offer }.Where(p => p is not null);
        return new SuggestedMessage(opener, string.Join(' ', parts));
    }

    // "Hi Ada, it has been a while." reads as one sentence after the comma; "I" stays a capital.
    private static string AfterGreeting(string sentence) =>
        sentence.StartsWith("I ", StringComparison.Ordinal) || sentence.StartsWith("I'", StringComparison.Ordinal)
            ? sentence
            : char.ToLowerInvariant(sentence[0]) + sentence[1..];

    private static string History(RelationshipKind relationship) => relationship switch
    {
        RelationshipKind.Boss => "I still think about what I learned working for you.",
        RelationshipKind.Report => "I still think about our time on the same team.",
        RelationshipKind.Peer => "It has been a while since we worked together, and I have been meaning to catch up.",
        RelationshipKind.Client => "I have fond memories of working with you.",
        RelationshipKind.Classmate => "It has been a while since our student days.",
        RelationshipKind.MetOnce => "We met a while back, and I have been meaning to stay in touch.",
        _ => "It has been a while, and I have been meaning to catch up.",
    };

    private static string? Ask(HelpKind help, string? company, OwnerTargets targets, bool worksAtTarget)
    {
        var role = targets.Roles.Select(r => OwnerWords.Phrase(r, 60)).FirstOrDefault(r => r is not null);
        var roleText = role is null ? "a new role" : $"{Article(role)} {role} role";
        var elsewhere = TargetList(targets);

        if (help.HasFlag(HelpKind.Refer))
        {
            var introduce = help.HasFlag(HelpKind.Introduce) ? ", or introducing me to the hiring manager" : "";
            return (worksAtTarget, company) switch
            {
                (true, not null) => $"I am looking for {roleText} at {company}. Would you be open to referring me{introduce}?",
                (false, not null) => $"I am looking for {roleText}. If one opens at {company}, would you be open to referring me{introduce}?",
                _ => $"I am looking for {roleText}. Would you be open to referring me when you hear of one{introduce}?",
            };
        }

        if (help.HasFlag(HelpKind.Introduce))
        {
            return (worksAtTarget || elsewhere is null, company) switch
            {
                (true, not null) => $"I am looking for {roleText}. Could you introduce me to someone at {company} I should talk to?",
                (true, null) => $"I am looking for {roleText}. Could you introduce me to someone you think I should talk to?",
                _ => $"I am looking for {roleText}. Could you introduce me to someone you know at {elsewhere}?",
            };
        }

        if (help.HasFlag(HelpKind.Advise))
        {
            return role is null
                ? "Could I borrow twenty minutes of your time for your advice on my job search?"
                : $"Could I borrow twenty minutes of your time for your advice on my search for {role} roles?";
        }

        return null;
    }

    private static string? TargetList(OwnerTargets targets)
    {
        var companies = targets.Companies.Select(c => OwnerWords.Phrase(c, 60)).OfType<string>().ToList();
        return companies.Count switch
        {
            0 => null,
            1 => companies[0],
            _ => $"{string.Join(", ", companies[..^1])} or {companies[^1]}",
        };
    }

    private static string Article(string word) => "aeiouAEIOU".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
