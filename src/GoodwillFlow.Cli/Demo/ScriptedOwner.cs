using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using GoodwillFlow.Cli.Local;
using GoodwillFlow.Core.Replies;
using F = GoodwillFlow.Core.ReplyPage.ReplyPageRenderer.Fields;

namespace GoodwillFlow.Cli.Demo;

/// <summary>
/// Plays the owner in the demo: reads each prompt from the outbox and answers it the way a person would — through
/// the reply page over HTTP (opening the one-click link, then submitting the form), by replying to the email
/// (through the Inbound Parse endpoint, with a quoted thread below), or by skipping someone they do not know.
/// The answers are scripted and varied; nothing here bypasses the real endpoints.
/// </summary>
internal sealed partial class ScriptedOwner(HttpClient http, string outboxPath, string ownerEmail, string inboundSecret)
{
    // Answers to "I still remember when we …": most finish the sentence, some are noun phrases as the old question
    // invited, one is a whole sentence about the person (it stays in the reasons, never in the opener).
    private static readonly string[] Projects =
    [
        "moved the billing platform to the cloud over one long weekend", "relaunched the mobile app", "the data warehouse rebuild",
        "turned a hackathon idea into the onboarding flow", "She ran the 2022 hackathon and I was her co-lead.", "shipped the payments API two weeks early",
        "the analytics dashboard", "cut the cloud bill by a third",
    ];

    // Answers to "I'd be glad to offer you …".
    private static readonly string[] Offers =
    [
        "an intro to the design leads I know", "feedback on your conference talk", "help hiring senior engineers",
        "my notes on scaling on-call", "a reference for your team",
    ];

    private static readonly string[] Relationships = ["peer", "boss", "client", "report", "classmate", "peer", "met-once"];

    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _answeredAhead = new(StringComparer.Ordinal);

    /// <summary>Gets how many prompts were answered on the reply page.</summary>
    public int ByPage { get; private set; }

    /// <summary>Gets how many were answered by email.</summary>
    public int ByEmail { get; private set; }

    /// <summary>Gets how many were skipped.</summary>
    public int Skipped { get; private set; }

    /// <summary>Gets how many of the page answers were given ahead of schedule, from the campaign page.</summary>
    public int Ahead { get; private set; }

    /// <summary>Gets the connection a reply page URL is about (from its signed token), so a prompt answered ahead is not answered again when its email arrives.</summary>
    public Func<Uri, string?> ConnectionOf { get; init; } = _ => null;

    /// <summary>
    /// Works ahead as an owner with a free moment would: opens the campaign page, presses "Answer the next 5 now" and
    /// answers each reply form it opens, following the page's redirects until it is back on the campaign page.
    /// </summary>
    public async Task WorkAheadAsync(Uri campaignPage, CancellationToken cancellationToken)
    {
        using (var page = await http.GetAsync(campaignPage, cancellationToken))
        {
            page.EnsureSuccessStatusCode();
        }

        using var empty = new FormUrlEncodedContent([]);
        using var started = await http.PostAsync(new Uri(campaignPage + "/ahead"), empty, cancellationToken);
        started.EnsureSuccessStatusCode();
        var form = started.RequestMessage!.RequestUri!;
        while (form.AbsolutePath.Contains("/api/r/", StringComparison.Ordinal))
        {
            if (ConnectionOf(form) is { } connection)
            {
                _answeredAhead.Add(connection);
            }

            var turn = _answered.Count + Ahead;
            using var saved = await http.PostAsync(form, new FormUrlEncodedContent(PageAnswers(turn, Relationships[turn % Relationships.Length])), cancellationToken);
            saved.EnsureSuccessStatusCode();
            Ahead++;
            ByPage++;
            form = saved.RequestMessage!.RequestUri!;
        }
    }

    /// <summary>Answers every prompt in the outbox that has not been answered yet; returns how many it answered.</summary>
    public async Task<int> AnswerNewPromptsAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(outboxPath))
        {
            return 0;
        }

        var answered = 0;
        foreach (var file in Directory.EnumerateFiles(outboxPath, "*-prompt-*.eml").Order(StringComparer.Ordinal))
        {
            if (_answered.Contains(file) || OutboxMessage.TryRead(file) is not { ReplyPageUrl: { } page } message)
            {
                continue;
            }

            var turn = _answered.Count;
            if (ConnectionOf(page) is { } connection && _answeredAhead.Contains(connection))
            {
                // Already answered from the campaign page: nothing to do for this prompt.
            }
            else if (turn % 7 == 4)
            {
                await SkipAsync(page, cancellationToken);
                Skipped++;
            }
            else if (turn % 4 == 1 && message.ReplyTo is not null)
            {
                await ReplyByEmailAsync(message.ReplyTo, turn, cancellationToken);
                ByEmail++;
            }
            else
            {
                await AnswerOnPageAsync(page, turn, cancellationToken);
                ByPage++;
            }

            _answered.Add(file);
            answered++;
        }

        foreach (var file in Directory.EnumerateFiles(outboxPath, "*-digest-*.eml").Order(StringComparer.Ordinal))
        {
            if (!_answered.Contains(file) && OutboxMessage.TryRead(file) is { ReplyTo: { } replyTo } && DigestPeople(file) is { Count: > 0 } people)
            {
                answered += await AnswerDigestAsync(people, replyTo, cancellationToken);
                _answered.Add(file);
            }
        }

        return answered;
    }

    /// <summary>Gets a digest's people in order: each heading ("1. Name") with its reply page.</summary>
    private static List<(string Heading, Uri Page)> DigestPeople(string emlPath)
    {
        var html = System.IO.Path.ChangeExtension(emlPath, ".html");
        if (!File.Exists(html))
        {
            return [];
        }

        var body = File.ReadAllText(html);
        var headings = DigestHeading().Matches(body).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["h"].Value)).ToList();
        var pages = DigestPageLink().Matches(body).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["url"].Value)).Distinct(StringComparer.Ordinal).Select(u => new Uri(u)).ToList();
        return headings.Count == pages.Count ? [.. headings.Zip(pages)] : [];
    }

    // A digest: every other person on the reply page, the rest in one emailed reply with a section each, quoting the digest.
    private async Task<int> AnswerDigestAsync(List<(string Heading, Uri Page)> people, string replyTo, CancellationToken cancellationToken)
    {
        var sections = new System.Text.StringBuilder();
        var quoted = new System.Text.StringBuilder();
        foreach (var (heading, page) in people)
        {
            var turn = _answered.Count + ByPage + ByEmail + Skipped;
            if (turn % 2 == 0)
            {
                await AnswerOnPageAsync(page, turn, cancellationToken);
                ByPage++;
            }
            else
            {
                sections.AppendLine(heading).AppendLine(EmailAnswers(turn)).AppendLine();
                ByEmail++;
            }

            quoted.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"> {heading}").AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"> {page.AbsoluteUri}");
        }

        if (sections.Length > 0)
        {
            await PostReplyAsync(replyTo, $"{sections}Thanks!\n\nOn Mon, 2 Nov 2026 at 09:15, GoodwillFlow <goodwill@localhost> wrote:\n{quoted}", cancellationToken);
        }

        return people.Count;
    }

    [GeneratedRegex(@"<h1[^>]*>(?<h>\d+\.[^<]+)</h1>")]
    private static partial Regex DigestHeading();

    [GeneratedRegex(@"href=""(?<url>https?://[^""?]+/api/r/[a-z2-7]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex DigestPageLink();

    private async Task AnswerOnPageAsync(Uri page, int turn, CancellationToken cancellationToken)
    {
        var relationship = Relationships[turn % Relationships.Length];

        // Like a person: click the one-click choice in the email (which only shows the form), then submit it.
        using (var opened = await http.GetAsync(OneClickChoice.Link(page, relationship), cancellationToken))
        {
            opened.EnsureSuccessStatusCode();
        }

        using var form = new FormUrlEncodedContent(PageAnswers(turn, relationship));
        using var saved = await http.PostAsync(page, form, cancellationToken);
        saved.EnsureSuccessStatusCode();
    }

    private static List<KeyValuePair<string, string>> PageAnswers(int turn, string relationship)
    {
        var strength = 2 + (turn % 4);
        var fields = new List<KeyValuePair<string, string>>
        {
            new(F.Relationship, relationship),
            new(F.HowWeKnow, "Same team for two years; we still swap book recommendations."),
            new(F.SharedProject, Projects[turn % Projects.Length]),
            new(F.Strength, $"{strength}"),
            new(F.TheirPerception, $"{Math.Min(5, strength + 1)}"),
            new(F.YourPerception, $"{(turn % 9 == 8 ? 2 : 4)}"),
            new(F.CanOffer, Offers[turn % Offers.Length]),
        };

        // Most could refer or introduce; some could only advise, and some are warm with no way to help (reconnect).
        switch (turn % 5)
        {
            case 2:
                fields.Add(new(F.CouldHelp, "advise"));
                break;
            case 3:
                break;
            default:
                fields.Add(new(F.CouldHelp, turn % 2 == 0 ? "refer" : "introduce"));
                if (turn % 3 == 0)
                {
                    fields.Add(new(F.CouldHelp, "advise"));
                }

                break;
        }

        return fields;
    }

    private async Task SkipAsync(Uri page, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent([new(F.Skip, "true")]);
        using var saved = await http.PostAsync(page, form, cancellationToken);
        saved.EnsureSuccessStatusCode();
    }

    private Task ReplyByEmailAsync(string replyTo, int turn, CancellationToken cancellationToken) =>
        PostReplyAsync(
            replyTo,
            $"""
            {EmailAnswers(turn)}

            Thanks!

            On Mon, 2 Nov 2026 at 09:15, GoodwillFlow <goodwill@localhost> wrote:
            > How do you know this person?
            > 1. How do you know them?
            """,
            cancellationToken);

    private static string EmailAnswers(int turn) => $"""
        1. {Relationships[turn % Relationships.Length]}
        3. {Projects[turn % Projects.Length]}
        4. {3 + (turn % 3)}
        5. 4
        6. 5
        7. advise
        8. {Offers[turn % Offers.Length]}
        """;

    // What SendGrid Inbound Parse posts for a reply written in Gmail, with the message quoted below it.
    private async Task PostReplyAsync(string replyTo, string text, CancellationToken cancellationToken)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(ownerEmail), "from" },
            { new StringContent(replyTo), "to" },
            { new StringContent("Re: your goodwill prompt"), "subject" },
            { new StringContent(text), "text" },
            { new StringContent($$"""{"to":["{{replyTo}}"],"from":"{{ownerEmail}}"}"""), "envelope" },
        };
        using var posted = await http.PostAsync(new Uri($"api/inbound/{inboundSecret}", UriKind.Relative), content, cancellationToken);
        posted.EnsureSuccessStatusCode();
    }
}
