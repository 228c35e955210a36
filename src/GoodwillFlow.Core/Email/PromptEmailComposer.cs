using System.Globalization;
using System.Text;
using GoodwillFlow.Core.Prompts;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Email;

/// <summary>What a prompt email needs beyond the prompt itself.</summary>
/// <param name="OwnerEmail">Where it goes.</param>
/// <param name="CampaignId">For tags.</param>
/// <param name="ReplyPageUrl">The signed reply page URL, e.g. <c>https://host/api/r/{token}</c>; one-click answers add
/// <c>?choice=...</c> (see <see cref="OneClickChoice.Link"/>).</param>
/// <param name="ReplyTo">The reply-to address that routes an email answer back (e.g. <c>reply+{token}@inbound.example.com</c>), or null when reply-by-email is not set up.</param>
/// <param name="Sequence">1-based number of this prompt in the campaign.</param>
/// <param name="Total">Number of prompts in the campaign.</param>
/// <param name="CampaignPageUrl">The owner's signed campaign page ("Your campaign"), or null.</param>
public sealed record PromptEmailContext(
    string OwnerEmail,
    string CampaignId,
    Uri ReplyPageUrl,
    string? ReplyTo,
    int Sequence,
    int Total,
    Uri? CampaignPageUrl = null);

/// <summary>
/// Builds the prompt email (HTML and plain text): what the export knows about the connection, one-click answers to
/// "what was this person to you?", a link to the reply page for the rest, and, when reply-by-email is set up, the
/// numbered questions to answer in a reply (numbers as in <see cref="PromptQuestionKeys"/>).
/// </summary>
public static class PromptEmailComposer
{
    /// <summary>The message kind in <see cref="EmailMessage.Tags"/>.</summary>
    public const string Kind = "prompt";

    /// <summary>The example reply shown with the reply-by-email instructions, one answer a line.</summary>
    internal static readonly string[] ExampleReply = PromptQuestionsContent.ExampleReply;

    internal const string Footer =
        "GoodwillFlow sends these reflection prompts to you only. Nothing is ever sent to your connections.";

    /// <summary>Composes the email for <paramref name="prompt"/>.</summary>
    /// <param name="prompt">The prompt, from <see cref="ReflectionPromptBuilder"/>.</param>
    /// <param name="context">Where it goes, its signed links and its place in the campaign.</param>
    /// <returns>The message; every value from the export is HTML-encoded in its HTML body, and its tags hold no personal data.</returns>
    public static EmailMessage Compose(ReflectionPrompt prompt, PromptEmailContext context)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(context);

        var progress = string.Create(CultureInfo.InvariantCulture, $"{context.Sequence}/{context.Total}");
        var subject = $"Goodwill {progress}: {EmailText.ForSubject(prompt.DisplayName)}";
        var relationshipText = RelationshipText(prompt);
        var replyByEmail = !string.IsNullOrWhiteSpace(context.ReplyTo);
        var eyebrow = string.Create(CultureInfo.InvariantCulture, $"Goodwill prompt {context.Sequence} of {context.Total}");

        var html = AppendPersonHtml(new EmailHtml().Eyebrow(eyebrow), prompt, prompt.DisplayName, context.ReplyPageUrl);
        if (replyByEmail)
        {
            PromptQuestionsContent.AppendHtml(html.Rule(), prompt);
        }

        var text = new StringBuilder();
        text.AppendLine(eyebrow).AppendLine();
        AppendPersonText(text, prompt, prompt.DisplayName, context.ReplyPageUrl);
        if (replyByEmail)
        {
            PromptQuestionsContent.AppendText(text.AppendLine(), prompt);
        }

        AppendCampaignLink(html, text, context.CampaignPageUrl);
        text.AppendLine().AppendLine("--").AppendLine(Footer);

        var preheader = prompt.Context.Count > 0 ? $"{prompt.Context[0]}. {relationshipText}" : relationshipText;
        return new EmailMessage(
            context.OwnerEmail,
            subject,
            html.Build(subject, preheader, Footer),
            text.ToString(),
            context.ReplyTo,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["campaign"] = context.CampaignId,
                ["kind"] = Kind,
                ["sequence"] = context.Sequence.ToString(CultureInfo.InvariantCulture),
            });
    }

    /// <summary>
    /// Appends one person's block: <paramref name="title"/>, what the export knows, the one-click answers and the
    /// reply page button, all pointing at <paramref name="replyPageUrl"/>. A digest appends one per person.
    /// </summary>
    internal static EmailHtml AppendPersonHtml(EmailHtml html, ReflectionPrompt prompt, string title, Uri replyPageUrl) =>
        AppendEvidenceHtml(html.Title(title).Lines(prompt.Context), prompt)
            .Paragraph($"{RelationshipText(prompt)} One click is enough to start:")
            .ChoiceButtons(Choices(replyPageUrl))
            .Paragraph("A minute of reflection now turns this name into goodwill you can act on later.", muted: true)
            .PrimaryButton(replyPageUrl, "Answer the rest on the reply page");

    /// <summary>Appends the plain-text form of <see cref="AppendPersonHtml"/>.</summary>
    internal static StringBuilder AppendPersonText(StringBuilder text, ReflectionPrompt prompt, string title, Uri replyPageUrl)
    {
        text.AppendLine(title);
        foreach (var line in prompt.Context)
        {
            text.AppendLine(line);
        }

        if (prompt.Evidence.Count > 0)
        {
            text.AppendLine().AppendLine(EvidenceHeading);
            foreach (var line in prompt.Evidence)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
            }
        }

        text.AppendLine().AppendLine($"{RelationshipText(prompt)} One click is enough to start:");
        foreach (var (url, label) in Choices(replyPageUrl))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {label}: {url.AbsoluteUri}");
        }

        return text.AppendLine().AppendLine("Answer the rest on the reply page:").AppendLine(replyPageUrl.AbsoluteUri);
    }

    /// <summary>The heading over the archive's evidence lines, in the email and on the reply page.</summary>
    internal const string EvidenceHeading = "From your LinkedIn archive:";

    private static EmailHtml AppendEvidenceHtml(EmailHtml html, ReflectionPrompt prompt) =>
        prompt.Evidence.Count == 0 ? html : html.Paragraph(EvidenceHeading, muted: true).Bullets(prompt.Evidence);

    /// <summary>The "Your campaign" line: the owner's signed campaign page, when there is one.</summary>
    internal static void AppendCampaignLink(EmailHtml html, StringBuilder text, Uri? campaignPageUrl)
    {
        if (campaignPageUrl is null)
        {
            return;
        }

        html.ParagraphWithLink("", campaignPageUrl, "Your campaign", ": progress, the shortlist so far, pause or answer ahead.");
        text.AppendLine().AppendLine("Your campaign (progress, the shortlist so far, pause or answer ahead):").AppendLine(campaignPageUrl.AbsoluteUri);
    }

    private static string RelationshipText(ReflectionPrompt prompt) =>
        prompt.Questions.FirstOrDefault(q => q.Key == PromptQuestionKeys.Relationship)?.Text ?? $"What was {prompt.DisplayName} to you?";

    private static (Uri Url, string Label)[] Choices(Uri replyPageUrl) =>
        OneClickChoice.All.Select(c => (Url: OneClickChoice.Link(replyPageUrl, c.Value), c.Label)).ToArray();
}
