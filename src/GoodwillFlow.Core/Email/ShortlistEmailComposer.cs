using System.Globalization;
using System.Text;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Core.Email;

/// <summary>Builds the email that delivers the shortlist, and the notice sent when an upload is rejected.</summary>
public static class ShortlistEmailComposer
{
    /// <summary>The message kind of the shortlist email in <see cref="EmailMessage.Tags"/>.</summary>
    public const string Kind = "shortlist";

    /// <summary>The message kind of the rejected-upload notice in <see cref="EmailMessage.Tags"/>.</summary>
    public const string RejectionKind = "rejection";

    /// <summary>How many entries the email shows inline; the rest are in the full list.</summary>
    public const int InlineEntries = 10;

    private const string NothingSent =
        "Nothing has been sent to any of your connections: who to contact, and when, is entirely up to you.";

    private const string Footer = "GoodwillFlow writes only to you. Your connections never hear from it.";

    /// <summary>How to get the right file from LinkedIn, as steps.</summary>
    private static readonly string[] ExportSteps =
    [
        "On LinkedIn, open Me, then Settings & Privacy.",
        "Choose Data privacy, then Get a copy of your data.",
        "Pick \"Want something in particular?\", tick Connections, and request the archive.",
        "LinkedIn emails you a download link, usually within minutes. Download it and upload the Connections.csv file inside, as it is.",
    ];

    /// <summary>How many pay-it-forward people the email shows inline; the rest are in the full list.</summary>
    public const int InlinePayItForward = 5;

    /// <summary>
    /// Composes the shortlist email: the owner's legacy of goodwill, then the top entries inline tier by tier (name,
    /// role, the reasons in the owner's words first, the suggested opener and ask), then the people the owner could
    /// help, and a link to the full list when given.
    /// </summary>
    /// <param name="shortlist">The compiled shortlist.</param>
    /// <param name="ownerEmail">Where it goes.</param>
    /// <param name="fullListUrl">Where the full list can be opened, or null.</param>
    /// <param name="campaignPageUrl">The owner's signed campaign page ("Your campaign"), or null.</param>
    /// <returns>The message; every value from the export or the owner's replies is HTML-encoded in its HTML body.</returns>
    public static EmailMessage Compose(Shortlist shortlist, string ownerEmail, Uri? fullListUrl, Uri? campaignPageUrl = null)
    {
        ArgumentNullException.ThrowIfNull(shortlist);
        ArgumentNullException.ThrowIfNull(ownerEmail);

        var count = shortlist.Entries.Count;
        var subject = count switch
        {
            0 => "Your goodwill shortlist is ready",
            1 => "Your goodwill shortlist: 1 person to contact first",
            _ => string.Create(CultureInfo.InvariantCulture, $"Your goodwill shortlist: {count} people to contact first"),
        };
        var intro = count == 0
            ? "No one is on your shortlist yet. Answer a few more reflection prompts and the people most likely to welcome a message will appear here."
            : "Here are the people most likely to welcome a message from you, in tiers by what to ask them, with the reasons in your own words and a message to start from.";
        var shown = shortlist.Entries.Take(InlineEntries).ToArray();
        var more = count - shown.Length;
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"Compiled from {Plural(shortlist.RepliesConsidered, "reply", "replies")}; {Plural(shortlist.LeftOut, "person", "people")} left out (skipped, not remembered, or not a warm fit)");
        if (shortlist.WeakTies > 0)
        {
            summary += string.Create(CultureInfo.InvariantCulture, $"; {Plural(shortlist.WeakTies, "weak tie", "weak ties")} (met once or faded, no way to help) kept for later");
        }

        summary += ".";

        var html = new EmailHtml()
            .Eyebrow("GoodwillFlow shortlist")
            .Title("Your outreach shortlist")
            .Paragraph(intro)
            .Paragraph(NothingSent)
            .Heading("Your legacy of goodwill")
            .Paragraph(shortlist.Legacy.Paragraph);
        var text = new StringBuilder()
            .AppendLine("Your outreach shortlist").AppendLine()
            .AppendLine(intro).AppendLine()
            .AppendLine(NothingSent).AppendLine()
            .AppendLine("YOUR LEGACY OF GOODWILL")
            .AppendLine(shortlist.Legacy.Paragraph);

        ShortlistTier? tier = null;
        foreach (var entry in shown)
        {
            if (entry.Tier != tier)
            {
                tier = entry.Tier;
                var title = ShortlistTiers.Title(entry.Tier);
                html.Rule().Title(title).Paragraph(ShortlistTiers.Description(entry.Tier), muted: true);
                text.AppendLine().AppendLine(title.ToUpperInvariant()).AppendLine(ShortlistTiers.Description(entry.Tier));
            }

            var heading = string.Create(CultureInfo.InvariantCulture, $"{entry.Rank}. {Name(entry.Connection)}");
            var role = Role(entry.Connection);
            html.Heading(heading);
            text.AppendLine().AppendLine(heading);
            if (role is not null)
            {
                html.Paragraph(role, muted: true);
                text.AppendLine(role);
            }

            // The owner's words as bullets, then the why and the figures on a line each, so an entry stays short.
            var grouped = entry.OwnerWords.Count + entry.Why.Count + entry.Figures.Count > 0;
            var bullets = grouped ? entry.OwnerWords : entry.Reasons;
            if (bullets.Count > 0)
            {
                html.Bullets(bullets);
                foreach (var reason in bullets)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"- {reason}");
                }
            }

            foreach (var line in new[] { entry.Why, entry.Figures }.Where(l => l.Count > 0).Select(l => string.Join(" · ", l)))
            {
                html.Paragraph(line, muted: true);
                text.AppendLine(line);
            }

            if (!string.IsNullOrWhiteSpace(entry.Opener))
            {
                var message = entry.Ask.Length == 0 ? new[] { entry.Opener } : [entry.Opener, entry.Ask];
                html.Paragraph("Suggested message:", muted: true).Quote(message);
                text.AppendLine("Suggested message:");
                foreach (var line in message)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
                }
            }
        }

        html.Rule();
        text.AppendLine();
        if (more > 0)
        {
            var andMore = string.Create(CultureInfo.InvariantCulture, $"And {Plural(more, "more person", "more people")} in the full list.");
            html.Paragraph(andMore);
            text.AppendLine(andMore);
        }

        if (shortlist.PayItForward.Count > 0)
        {
            const string ForwardIntro = "People you could help now, whether or not they can help you. Goodwill grows from what you give.";
            var forward = shortlist.PayItForward.Take(InlinePayItForward).Select(ForwardLine).ToList();
            html.Title("Pay it forward").Paragraph(ForwardIntro, muted: true).Bullets(forward);
            text.AppendLine().AppendLine("PAY IT FORWARD").AppendLine(ForwardIntro);
            foreach (var line in forward)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
            }

            var forwardMore = shortlist.PayItForward.Count - forward.Count;
            if (forwardMore > 0)
            {
                var andMore = string.Create(CultureInfo.InvariantCulture, $"And {Plural(forwardMore, "more person", "more people")} you could help in the full list.");
                html.Paragraph(andMore);
                text.AppendLine(andMore);
            }

            html.Rule();
            text.AppendLine();
        }

        if (fullListUrl is not null)
        {
            html.PrimaryButton(fullListUrl, "Open the full shortlist");
            text.AppendLine("Open the full shortlist:").AppendLine(fullListUrl.AbsoluteUri);
        }

        PromptEmailComposer.AppendCampaignLink(html, text, campaignPageUrl);
        html.Paragraph(summary, muted: true);
        text.AppendLine().AppendLine(summary).AppendLine().AppendLine("--").AppendLine(Footer);

        return new EmailMessage(
            ownerEmail,
            subject,
            html.Build(subject, intro, Footer),
            text.ToString(),
            ReplyTo: null,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["campaign"] = shortlist.CampaignId, ["kind"] = Kind });
    }

    /// <summary>
    /// Composes the notice that an uploaded file was rejected: that it was not imported, why, that nothing was changed,
    /// and how to get Connections.csv from LinkedIn.
    /// </summary>
    /// <param name="ownerEmail">Where it goes.</param>
    /// <param name="fileName">The uploaded file's name, as the owner named it.</param>
    /// <param name="reason">Why it was rejected, in words for the owner (from the importer).</param>
    /// <returns>The message; the file name and reason are HTML-encoded in its HTML body.</returns>
    public static EmailMessage ComposeRejection(string ownerEmail, string fileName, string reason)
    {
        ArgumentNullException.ThrowIfNull(ownerEmail);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(reason);

        const string Subject = "Your upload was not imported";
        var notImported = $"We could not import \"{fileName}\", so no campaign was started from it.";
        const string ReasonLabel = "The reason:";
        const string Unchanged = "Nothing was changed: your existing campaigns, answers and shortlists are as they were, and no prompts will be sent for this file.";
        const string HowTo = "GoodwillFlow needs Connections.csv, the list of connections from your LinkedIn data. To get it:";
        const string Retry = "Then upload that file. There is no need to open or edit it first.";

        var html = new EmailHtml()
            .Eyebrow("GoodwillFlow upload")
            .Title(Subject)
            .Paragraph(notImported)
            .Paragraph(ReasonLabel, muted: true)
            .Quote(reason)
            .Paragraph(Unchanged)
            .Heading("How to get Connections.csv")
            .Paragraph(HowTo)
            .Numbered(ExportSteps.Select((step, i) => (i + 1, step)))
            .Paragraph(Retry);

        var text = new StringBuilder()
            .AppendLine(Subject).AppendLine()
            .AppendLine(notImported).AppendLine()
            .AppendLine(ReasonLabel).AppendLine(reason).AppendLine()
            .AppendLine(Unchanged).AppendLine()
            .AppendLine(HowTo);
        for (var i = 0; i < ExportSteps.Length; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{i + 1}. {ExportSteps[i]}");
        }

        text.AppendLine(Retry).AppendLine().AppendLine("--").AppendLine(Footer);

        return new EmailMessage(
            ownerEmail,
            Subject,
            html.Build(Subject, notImported, Footer),
            text.ToString(),
            ReplyTo: null,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["kind"] = RejectionKind });
    }

    private static string Name(Connection connection) =>
        connection.DisplayName.Length > 0 ? connection.DisplayName : "Unnamed connection";

    private static string ForwardLine(PayItForwardEntry entry)
    {
        var about = string.Join(", ", new[] { GoodwillScorer.RelationshipReason(entry.Relationship), Blank(entry.Connection.Company) }.OfType<string>());
        return about.Length > 0
            ? $"{Name(entry.Connection)} ({about}): you could offer “{entry.Offer}”"
            : $"{Name(entry.Connection)}: you could offer “{entry.Offer}”";
    }

    private static string? Role(Connection connection)
    {
        var position = Blank(connection.Position);
        var company = Blank(connection.Company);
        return (position, company) switch
        {
            (not null, not null) => $"{position} at {company}",
            (not null, null) => position,
            (null, not null) => company,
            _ => null,
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Plural(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
