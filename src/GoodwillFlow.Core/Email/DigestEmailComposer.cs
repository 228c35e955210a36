using System.Globalization;
using System.Text;
using GoodwillFlow.Core.Prompts;

namespace GoodwillFlow.Core.Email;

/// <summary>One person in a digest: the prompt and that person's own signed reply page.</summary>
/// <param name="Prompt">The prompt, from <see cref="ReflectionPromptBuilder"/>.</param>
/// <param name="ReplyPageUrl">This person's signed reply page URL; one-click answers add <c>?choice=...</c>.</param>
/// <param name="Sequence">1-based number of this prompt in the campaign.</param>
public sealed record DigestEntry(ReflectionPrompt Prompt, Uri ReplyPageUrl, int Sequence);

/// <summary>What a digest email needs beyond its prompts.</summary>
/// <param name="OwnerEmail">Where it goes.</param>
/// <param name="CampaignId">For tags.</param>
/// <param name="ReplyTo">The reply-to address that routes an email answer back, or null when reply-by-email is not set up.</param>
/// <param name="Day">The owner's local day the digest is for.</param>
/// <param name="Total">Number of prompts in the campaign.</param>
/// <param name="CampaignPageUrl">The owner's signed campaign page ("Your campaign"), or null.</param>
public sealed record DigestEmailContext(string OwnerEmail, string CampaignId, string? ReplyTo, DateOnly Day, int Total, Uri? CampaignPageUrl = null);

/// <summary>
/// Builds the daily digest: one email holding a day's prompts, each person under a numbered heading ("1. Maya Chen")
/// with their own one-click answers and reply page, built by <see cref="PromptEmailComposer"/>'s per-person block.
/// A reply by email answers several people by repeating those headings, each followed by the usual numbered answers
/// (read by <c>EmailReplyParser.ParseDigest</c>).
/// </summary>
public static class DigestEmailComposer
{
    /// <summary>The message kind in <see cref="EmailMessage.Tags"/>.</summary>
    public const string Kind = "digest";

    private const string HowToAnswerSeveral =
        "To answer several people in one reply, write each person's heading on its own line (for example \"1. {0}\"), then your numbered answers under it. People you leave out stay open on their reply page.";

    /// <summary>Gets the heading of the <paramref name="position"/>th (1-based) person, as the email shows it and a reply repeats it.</summary>
    public static string Heading(int position, string displayName) =>
        string.Create(CultureInfo.InvariantCulture, $"{position}. {displayName}");

    /// <summary>Composes the digest for <paramref name="entries"/>, in their order.</summary>
    /// <returns>The message; every value from the export is HTML-encoded in its HTML body, and its tags hold no personal data.</returns>
    /// <exception cref="ArgumentException"><paramref name="entries"/> is empty.</exception>
    public static EmailMessage Compose(IReadOnlyList<DigestEntry> entries, DigestEmailContext context)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(context);
        if (entries.Count == 0)
        {
            throw new ArgumentException("A digest needs at least one prompt.", nameof(entries));
        }

        var day = context.Day.ToString("dddd d MMMM", CultureInfo.InvariantCulture);
        var people = entries.Count == 1 ? "1 person" : string.Create(CultureInfo.InvariantCulture, $"{entries.Count} people");
        var subject = $"Goodwill digest, {day}: {people}";
        var eyebrow = string.Create(
            CultureInfo.InvariantCulture, $"Goodwill digest: prompts {entries[0].Sequence}-{entries[^1].Sequence} of {context.Total}");
        var replyByEmail = !string.IsNullOrWhiteSpace(context.ReplyTo);

        var html = new EmailHtml().Eyebrow(eyebrow);
        var text = new StringBuilder().AppendLine(eyebrow).AppendLine();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var heading = Heading(i + 1, entry.Prompt.DisplayName);
            PromptEmailComposer.AppendPersonHtml(i == 0 ? html : html.Rule(), entry.Prompt, heading, entry.ReplyPageUrl);
            PromptEmailComposer.AppendPersonText(text, entry.Prompt, heading, entry.ReplyPageUrl).AppendLine();
        }

        if (replyByEmail)
        {
            var howTo = string.Format(CultureInfo.InvariantCulture, HowToAnswerSeveral, entries[0].Prompt.DisplayName);
            PromptQuestionsContent.AppendHtml(html.Rule(), entries[0].Prompt, "Or reply to this email").Paragraph(howTo);
            PromptQuestionsContent.AppendText(text, entries[0].Prompt).AppendLine().AppendLine(howTo);
        }

        PromptEmailComposer.AppendCampaignLink(html, text, context.CampaignPageUrl);
        text.AppendLine().AppendLine("--").AppendLine(PromptEmailComposer.Footer);
        return new EmailMessage(
            context.OwnerEmail,
            subject,
            html.Build(subject, $"{people} to reflect on today.", PromptEmailComposer.Footer),
            text.ToString(),
            context.ReplyTo,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["campaign"] = context.CampaignId,
                ["kind"] = Kind,
                ["sequence"] = entries[0].Sequence.ToString(CultureInfo.InvariantCulture),
            });
    }
}
