using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Core.OwnerPage;

/// <summary>
/// Renders the owner's campaign page: progress, the live shortlist, the answers so far and the controls, as one
/// self-contained page (one inline stylesheet allowed by its hash, no scripts, no external assets) that works without
/// JavaScript and reads on a 360 px phone. Every value from the export or the answers is HTML-encoded.
/// </summary>
public static class CampaignPageRenderer
{
    /// <summary>How many prompts "work ahead" opens at a time.</summary>
    public const int WorkAheadCount = 5;

    /// <summary>The most prompts a day the cadence form accepts.</summary>
    public const int MaxPromptsPerDay = 50;

    /// <summary>The actions the page posts to, as the last path segment after the page's own path.</summary>
    public static class Actions
    {
        /// <summary>Pause sending.</summary>
        public const string Pause = "pause";

        /// <summary>Resume sending.</summary>
        public const string Resume = "resume";

        /// <summary>Stop and compile the shortlist.</summary>
        public const string Stop = "stop";

        /// <summary>Change prompts a day and the sending days.</summary>
        public const string Cadence = "cadence";

        /// <summary>Delete the campaign (after typing its name).</summary>
        public const string Delete = "delete";

        /// <summary>Issue a fresh link and revoke every earlier one.</summary>
        public const string NewLink = "new-link";

        /// <summary>Answer the next prompts now.</summary>
        public const string WorkAhead = "ahead";
    }

    /// <summary>The form field names of the controls.</summary>
    public static class Fields
    {
        /// <summary>Cadence form: prompts a sending day.</summary>
        public const string PerDay = "perDay";

        /// <summary>Cadence form: checkboxes, one per sending day (<c>mon</c> … <c>sun</c>).</summary>
        public const string Days = "days";

        /// <summary>Delete form: the campaign's name, typed to confirm.</summary>
        public const string ConfirmName = "confirmName";
    }

    private const string Stylesheet =
        ":root{color-scheme:light dark;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.5}" +
        "body{margin:0;padding:1rem;font-size:1.0625rem}" +
        "main{max-width:48rem;margin:0 auto}" +
        "h1{font-size:1.5rem;margin:.5rem 0;overflow-wrap:anywhere}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}h3{font-size:1.0625rem;margin:1rem 0 .25rem}" +
        "section{border-top:1px solid #8886;margin-top:1.25rem}" +
        ".state{display:inline-block;font-weight:600;padding:.125rem .5rem;border-radius:.375rem;border:2px solid currentColor}" +
        ".notice{border:2px solid #0b57d0;border-radius:.5rem;padding:.75rem;margin:1rem 0}" +
        "dl.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;margin:0}" +
        "dl.figures div{border:1px solid #8886;border-radius:.5rem;padding:.5rem}" +
        "dt{font-size:.875rem}dd{margin:0;font-weight:600;font-size:1.125rem;overflow-wrap:anywhere}" +
        "ol.entries,ul.answers{padding-left:1.25rem}li{margin:0 0 .75rem;overflow-wrap:anywhere}" +
        ".muted{font-size:.9375rem}.opener{font-style:italic;margin:.25rem 0}" +
        "form{margin:.75rem 0}.row{display:flex;flex-wrap:wrap;gap:.5rem}" +
        "fieldset{border:1px solid #8886;border-radius:.5rem;margin:0 0 .75rem;padding:.75rem}legend{font-weight:600;padding:0 .25rem}" +
        ".day{display:inline-flex;align-items:center;gap:.375rem;min-height:2.75rem;margin-right:.75rem}" +
        ".day input{width:1.375rem;height:1.375rem;margin:0}" +
        "label.text{display:block;font-weight:600;margin-bottom:.25rem}" +
        "input[type=number],input[type=text]{box-sizing:border-box;font:inherit;padding:.5rem;border-radius:.375rem;border:1px solid #888;min-height:2.75rem;max-width:100%}" +
        "input[type=number]{width:6rem}input[type=text]{width:100%}" +
        "button{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1rem;border-radius:.5rem;border:1px solid #888;cursor:pointer}" +
        "button.primary{background:#0b57d0;color:#fff;border-color:#0b57d0}button.danger{background:#a50e0e;color:#fff;border-color:#a50e0e}" +
        "a{color:#0b57d0}a:focus,button:focus,input:focus{outline:3px solid #0b57d0;outline-offset:2px}" +
        "@media (prefers-color-scheme:dark){a{color:#8ab4f8}.notice{border-color:#8ab4f8}}";

    private static readonly (DayOfWeek Day, string Value, string Label)[] WeekDays =
    [
        (DayOfWeek.Monday, "mon", "Mon"), (DayOfWeek.Tuesday, "tue", "Tue"), (DayOfWeek.Wednesday, "wed", "Wed"),
        (DayOfWeek.Thursday, "thu", "Thu"), (DayOfWeek.Friday, "fri", "Fri"), (DayOfWeek.Saturday, "sat", "Sat"),
        (DayOfWeek.Sunday, "sun", "Sun"),
    ];

    /// <summary>
    /// Gets the Content-Security-Policy the page is served with: nothing loads or runs except this renderer's own
    /// stylesheet (allowed by its hash); forms post only to the same origin.
    /// </summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Stylesheet)))}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Reads a sending day's form value (<c>mon</c> … <c>sun</c>), case-insensitively.</summary>
    public static bool TryParseDay(string? value, out DayOfWeek day)
    {
        foreach (var (candidate, text, _) in WeekDays)
        {
            if (string.Equals(text, value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                day = candidate;
                return true;
            }
        }

        day = default;
        return false;
    }

    /// <summary>Returns the words for a state, as the page shows it.</summary>
    public static string StateLabel(CampaignPageState state) => state switch
    {
        CampaignPageState.Running => "Running",
        CampaignPageState.Paused => "Paused",
        CampaignPageState.AwaitingReplies => "Every prompt sent: waiting for late replies",
        CampaignPageState.Stopped => "Stopped",
        _ => "Done",
    };

    /// <summary>Renders the page.</summary>
    public static string Render(CampaignPageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = new StringBuilder(16 * 1024);
        var path = model.PagePath;
        html.Append("<header><p class=\"muted\">Your GoodwillFlow campaign</p><h1>").Append(Encode(model.Name)).Append("</h1>")
            .Append("<p><span class=\"state\">").Append(Encode(StateLabel(model.State))).Append("</span>");
        if (!string.IsNullOrWhiteSpace(model.StateReason))
        {
            html.Append(" ").Append(Encode(model.StateReason));
        }

        html.Append("</p></header>");
        if (model.Notice is not null)
        {
            html.Append("<p class=\"notice\" role=\"status\">").Append(Encode(model.Notice)).Append("</p>");
        }

        AppendProgress(html, model);
        AppendWorkAhead(html, model);
        AppendShortlist(html, model.Shortlist, path);
        AppendAnswers(html, model);
        AppendControls(html, model);
        return Page($"{model.Name}: your campaign", html.ToString());
    }

    /// <summary>Renders a short page (a friendly refusal, or the page after a deletion) with a title and one paragraph.</summary>
    public static string RenderMessage(string title, string message)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(message);
        return Page(title, $"<h1>{Encode(title)}</h1><p>{Encode(message)}</p>");
    }

    private static void AppendProgress(StringBuilder html, CampaignPageModel model)
    {
        html.Append("<section aria-labelledby=\"progress\"><h2 id=\"progress\">Progress</h2><dl class=\"figures\">");
        Figure(html, "People", Number(model.Total));
        Figure(html, "Prompts sent", Number(model.Sent));
        Figure(html, "Answered", Number(model.Answered));
        Figure(html, "Skipped", Number(model.Skipped));
        if (model.AnsweredAhead > 0)
        {
            Figure(html, "Answered ahead", Number(model.AnsweredAhead));
        }

        Figure(html, "Still to send", Number(model.ToCome));
        Figure(html, "Next prompt", model.NextSend ?? (model.ToCome == 0 ? "None left" : "Not scheduled"));
        Figure(html, "Expected last prompt", model.ExpectedLastPrompt?.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture) ?? "—");
        html.Append("</dl><p class=\"muted\">Times are in ").Append(Encode(model.TimeZone)).Append(". Cadence: ")
            .Append(Encode(Plural(model.PromptsPerDay, "prompt", "prompts"))).Append(" a day on ")
            .Append(Encode(string.Join(", ", WeekDays.Where(d => model.Days.Contains(d.Day)).Select(d => d.Label))))
            .Append(".</p></section>");
    }

    private static void AppendWorkAhead(StringBuilder html, CampaignPageModel model)
    {
        if (model.ToCome == 0 || model.State is CampaignPageState.Stopped or CampaignPageState.Done)
        {
            return;
        }

        html.Append("<section aria-labelledby=\"ahead\"><h2 id=\"ahead\">Work ahead</h2>")
            .Append("<p>Have a few minutes? Answer the next prompts now, one form after another. A prompt you answer now is not emailed later, and the campaign finishes sooner.</p>");
        PostForm(html, model.PagePath, Actions.WorkAhead, string.Create(CultureInfo.InvariantCulture, $"Answer the next {WorkAheadCount} now"), "primary");
        html.Append("</section>");
    }

    private static void AppendShortlist(StringBuilder html, Shortlist shortlist, string path)
    {
        html.Append("<section aria-labelledby=\"shortlist\"><h2 id=\"shortlist\">Your shortlist so far</h2>");
        if (shortlist.Entries.Count == 0)
        {
            html.Append("<p>No one is on it yet: answer a few prompts and the people most likely to welcome a message appear here.</p>");
        }
        else
        {
            html.Append("<p>").Append(Encode(shortlist.Legacy.Paragraph)).Append("</p>");
            foreach (var tier in shortlist.Entries.GroupBy(e => e.Tier).OrderBy(g => g.Key))
            {
                html.Append("<h3>").Append(Encode(ShortlistTiers.Title(tier.Key))).Append("</h3><ol class=\"entries\">");
                foreach (var entry in tier)
                {
                    var role = string.Join(" at ", new[] { entry.Connection.Position, entry.Connection.Company }.Where(s => !string.IsNullOrWhiteSpace(s)));
                    html.Append("<li><strong>").Append(Encode(entry.Connection.DisplayName)).Append("</strong>");
                    if (role.Length > 0)
                    {
                        html.Append(", ").Append(Encode(role));
                    }

                    var why = entry.OwnerWords.Concat(entry.Why).Take(3).ToList();
                    if (why.Count > 0)
                    {
                        html.Append("<br><span class=\"muted\">").Append(Encode(string.Join(" · ", why))).Append("</span>");
                    }

                    html.Append("<p class=\"opener\">").Append(Encode(entry.Opener)).Append("</p>");
                    if (entry.Ask.Length > 0)
                    {
                        html.Append("<p class=\"muted\">").Append(Encode(entry.Ask)).Append("</p>");
                    }

                    html.Append("</li>");
                }

                html.Append("</ol>");
            }
        }

        html.Append("<p>Download the full shortlist: ")
            .Append("<a href=\"").Append(Encode(path)).Append("/shortlist?format=html\">web page</a>, ")
            .Append("<a href=\"").Append(Encode(path)).Append("/shortlist?format=csv\">CSV for a spreadsheet</a>, ")
            .Append("<a href=\"").Append(Encode(path)).Append("/shortlist?format=json\">JSON</a>.</p></section>");
    }

    private static void AppendAnswers(StringBuilder html, CampaignPageModel model)
    {
        html.Append("<section aria-labelledby=\"answers\"><h2 id=\"answers\">Your answers</h2>");
        if (model.Answers.Count == 0)
        {
            html.Append("<p>No answers yet.</p></section>");
            return;
        }

        if (model.Answers.Count < model.Answered)
        {
            html.Append("<p class=\"muted\">The newest ").Append(Number(model.Answers.Count)).Append(" of ").Append(Number(model.Answered)).Append(".</p>");
        }

        html.Append("<ul class=\"answers\">");
        foreach (var answer in model.Answers)
        {
            html.Append("<li><a href=\"").Append(Encode(answer.EditUrl)).Append("\">").Append(Encode(answer.DisplayName)).Append("</a>: ")
                .Append(Encode(answer.Summary)).Append(" <span class=\"muted\">(").Append(answer.AnsweredOn.ToString("d MMM", CultureInfo.InvariantCulture))
                .Append(")</span></li>");
        }

        html.Append("</ul><p class=\"muted\">Open a name to change the answer.</p></section>");
    }

    private static void AppendControls(StringBuilder html, CampaignPageModel model)
    {
        var path = model.PagePath;
        html.Append("<section aria-labelledby=\"controls\"><h2 id=\"controls\">Controls</h2>");
        if (model.AcceptsControls)
        {
            html.Append("<div class=\"row\">");
            if (model.State == CampaignPageState.Paused)
            {
                PostForm(html, path, Actions.Resume, "Resume sending", "primary");
            }
            else if (model.State == CampaignPageState.Running)
            {
                PostForm(html, path, Actions.Pause, "Pause sending", null);
            }

            PostForm(html, path, Actions.Stop, "Stop now and compile the shortlist", null);
            html.Append("</div>");

            html.Append("<form method=\"post\" action=\"").Append(Encode(path)).Append('/').Append(Actions.Cadence).Append("\">")
                .Append("<fieldset><legend>Change the cadence</legend>")
                .Append("<label class=\"text\" for=\"").Append(Fields.PerDay).Append("\">Prompts a day</label>")
                .Append("<input type=\"number\" id=\"").Append(Fields.PerDay).Append("\" name=\"").Append(Fields.PerDay)
                .Append("\" min=\"1\" max=\"").Append(Number(MaxPromptsPerDay)).Append("\" required value=\"").Append(Number(model.PromptsPerDay)).Append("\">")
                .Append("<fieldset><legend>Sending days</legend>");
            foreach (var (day, value, label) in WeekDays)
            {
                html.Append("<label class=\"day\"><input type=\"checkbox\" name=\"").Append(Fields.Days).Append("\" value=\"").Append(value).Append('"');
                if (model.Days.Contains(day))
                {
                    html.Append(" checked");
                }

                html.Append("><span>").Append(label).Append("</span></label>");
            }

            html.Append("</fieldset><button type=\"submit\">Save the cadence</button></fieldset></form>");
        }
        else
        {
            html.Append("<p>The campaign has finished sending, so there is nothing to pause or change.</p>");
        }

        html.Append("<fieldset><legend>Your link</legend><p>Forwarded an email by mistake? Get a fresh link to this page: every earlier link, in every email, stops working.</p>");
        PostForm(html, path, Actions.NewLink, "Issue a fresh link and revoke the old ones", null);
        html.Append("</fieldset>");

        html.Append("<form method=\"post\" action=\"").Append(Encode(path)).Append('/').Append(Actions.Delete).Append("\">")
            .Append("<fieldset><legend>Delete the campaign</legend>")
            .Append("<p>This removes your connections, answers, shortlists and the campaign's history. It cannot be undone.</p>")
            .Append("<label class=\"text\" for=\"").Append(Fields.ConfirmName).Append("\">Type <strong>").Append(Encode(model.Name))
            .Append("</strong> to confirm</label>")
            .Append("<input type=\"text\" id=\"").Append(Fields.ConfirmName).Append("\" name=\"").Append(Fields.ConfirmName)
            .Append("\" autocomplete=\"off\" required>")
            .Append("<p><button type=\"submit\" class=\"danger\">Delete the campaign</button></p></fieldset></form></section>");
    }

    private static void PostForm(StringBuilder html, string path, string action, string label, string? cssClass)
    {
        html.Append("<form method=\"post\" action=\"").Append(Encode(path)).Append('/').Append(action).Append("\"><button type=\"submit\"");
        if (cssClass is not null)
        {
            html.Append(" class=\"").Append(cssClass).Append('"');
        }

        html.Append('>').Append(Encode(label)).Append("</button></form>");
    }

    private static void Figure(StringBuilder html, string label, string value) =>
        html.Append("<div><dt>").Append(Encode(label)).Append("</dt><dd>").Append(Encode(value)).Append("</dd></div>");

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Plural(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? one : many)}");

    private static string Page(string title, string body) => ReplyPage.SelfContainedPage.Render(title, Stylesheet, body);

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");
}
