using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using GoodwillFlow.Core.Prompts;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.ReplyPage;

/// <summary>
/// Renders the reply page: a small, phone-friendly form, and the pages shown after it. Pages are self-contained
/// (one inline stylesheet, no scripts, no external assets) so they can be served under
/// <see cref="ContentSecurityPolicy"/>, and every value that came from the export or the owner is HTML-encoded.
/// </summary>
public static class ReplyPageRenderer
{
    /// <summary>The longest free-text answer accepted, in characters. Longer text is refused with a message, never cut.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>
    /// The form field names: the question keys, so a form field, an emailed answer and a reply field are one name.
    /// Kept stable because links, browser tests and the form reader rely on them.
    /// </summary>
    public static class Fields
    {
        /// <summary>Radio group: one of the <see cref="OneClickChoice.All"/> values other than skip.</summary>
        public const string Relationship = PromptQuestionKeys.Relationship;

        /// <summary>Free text: how and why they know each other.</summary>
        public const string HowWeKnow = PromptQuestionKeys.HowWeKnow;

        /// <summary>Free text: a project done together.</summary>
        public const string SharedProject = PromptQuestionKeys.SharedProject;

        /// <summary>Radio group 1 to 5: how strong the relationship is.</summary>
        public const string Strength = PromptQuestionKeys.Strength;

        /// <summary>Radio group 1 to 5: how they perceive the owner.</summary>
        public const string TheirPerception = PromptQuestionKeys.TheirPerception;

        /// <summary>Radio group 1 to 5: how the owner perceives them.</summary>
        public const string YourPerception = PromptQuestionKeys.YourPerception;

        /// <summary>Checkboxes (several values): <c>introduce</c>, <c>refer</c>, <c>advise</c>.</summary>
        public const string CouldHelp = PromptQuestionKeys.CouldHelp;

        /// <summary>Free text: what the owner could offer them.</summary>
        public const string CanOffer = PromptQuestionKeys.CanOffer;

        /// <summary>Free text: anything else.</summary>
        public const string Notes = PromptQuestionKeys.Notes;

        /// <summary>The "skip / don't know them" submit button (value <c>true</c>).</summary>
        public const string Skip = "skip";

        /// <summary>The "bring back my previous answer" submit button (value <c>true</c>): undoes the last edit.</summary>
        public const string Undo = "undo";
    }

    /// <summary>The values of the <see cref="Fields.CouldHelp"/> checkboxes, with their labels.</summary>
    public static IReadOnlyList<(string Value, HelpKind Kind, string Label)> HelpChoices { get; } =
    [
        ("introduce", HelpKind.Introduce, "Introduce me to someone"),
        ("refer", HelpKind.Refer, "Refer me for a role"),
        ("advise", HelpKind.Advise, "Give me advice"),
    ];

    private const string Stylesheet =
        ":root{color-scheme:light dark;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.5}" +
        "body{margin:0;padding:1rem;font-size:1.0625rem}" +
        "main{max-width:36rem;margin:0 auto}" +
        "h1{font-size:1.5rem;margin:.5rem 0}" +
        ".context{margin:0 0 1rem;padding:0;list-style:none;opacity:.85}" +
        "fieldset{border:1px solid #8886;border-radius:.5rem;margin:0 0 1rem;padding:.75rem}" +
        "legend{font-weight:600;padding:0 .25rem}" +
        ".choice{display:flex;align-items:center;gap:.75rem;min-height:2.75rem;padding:.25rem .5rem;border-radius:.375rem;cursor:pointer}" +
        ".choice input{width:1.375rem;height:1.375rem;margin:0;flex:none}" +
        ".scale{display:flex;gap:.25rem;justify-content:space-between}" +
        ".scale .choice{flex:1;flex-direction:column;justify-content:center;gap:.125rem;min-width:2.75rem;text-align:center}" +
        ".ends{display:flex;justify-content:space-between;font-size:.875rem;opacity:.8}" +
        ".field{margin:0 0 1rem}" +
        "label.text{display:block;font-weight:600;margin-bottom:.25rem}" +
        "textarea{box-sizing:border-box;width:100%;min-height:5rem;font:inherit;padding:.5rem;border-radius:.375rem}" +
        ".hint{font-size:.875rem;opacity:.8;margin:.25rem 0 0}" +
        ".start{margin:0 0 .25rem;font-style:italic}" +
        ".error{color:#b00020;font-weight:600;margin:.25rem 0}" +
        ".summary{border:2px solid #b00020;border-radius:.5rem;padding:.75rem;margin:0 0 1rem}" +
        ".notice{border:2px solid #8888;border-radius:.5rem;padding:.75rem;margin:0 0 1rem}" +
        ".actions{display:flex;flex-direction:column;gap:.75rem;margin:1.5rem 0}" +
        "button{font:inherit;font-weight:600;min-height:3rem;padding:.75rem 1rem;border-radius:.5rem;border:1px solid #8888;cursor:pointer}" +
        "button.primary{background:#0b57d0;color:#fff;border-color:#0b57d0}" +
        "@media (prefers-color-scheme:dark){.error{color:#ff8a80}.summary{border-color:#ff8a80}}";

    private static readonly Dictionary<string, string> DefaultQuestions = new(StringComparer.Ordinal)
    {
        [Fields.Relationship] = "How do you know them?",
        [Fields.HowWeKnow] = "How and why do you know each other?",
        [Fields.SharedProject] = "A moment you shared",
        [Fields.Strength] = "How strong is your relationship?",
        [Fields.TheirPerception] = "How do you think they perceive you?",
        [Fields.YourPerception] = "How do you perceive them?",
        [Fields.CouldHelp] = "Could they help your search?",
        [Fields.CanOffer] = "What could you offer them?",
        [Fields.Notes] = "Anything else",
    };

    /// <summary>
    /// Gets the Content-Security-Policy every page rendered here can be served with: nothing may load or run except
    /// this renderer's own stylesheet (allowed by its hash), and forms may post only to the same origin.
    /// </summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src '{StyleHash()}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Renders the form for <paramref name="prompt"/>, pre-filled from <paramref name="prefill"/> (the one-click choice, or an earlier reply).</summary>
    public static string RenderForm(ReflectionPrompt prompt, ReplyAnswers? prefill, string postUrl) =>
        RenderForm(prompt, prefill, postUrl, errors: null);

    /// <summary>
    /// Renders the form with <paramref name="errors"/> (field name to message) shown next to their fields and in a
    /// summary at the top. <paramref name="prefill"/> carries everything the owner typed, so nothing is lost.
    /// </summary>
    /// <param name="prompt">The prompt the form answers.</param>
    /// <param name="prefill">The answers to show.</param>
    /// <param name="postUrl">Where the form posts.</param>
    /// <param name="errors">Field name to message, or null.</param>
    /// <param name="earlierVersions">How many earlier answers are kept; when any, the page says so and offers to bring the last one back.</param>
    public static string RenderForm(
        ReflectionPrompt prompt,
        ReplyAnswers? prefill,
        string postUrl,
        IReadOnlyDictionary<string, string>? errors,
        int earlierVersions = 0)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(postUrl);
        var answers = prefill ?? new ReplyAnswers();
        errors ??= new Dictionary<string, string>();
        var questions = prompt.Questions
            .GroupBy(q => q.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Text, StringComparer.Ordinal);
        string Question(string field) => questions.GetValueOrDefault(field) ?? DefaultQuestions[field];
        var asked = prompt.Questions
            .GroupBy(q => q.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var html = new StringBuilder(8 * 1024);
        html.Append("<h1>").Append(Encode(prompt.DisplayName)).Append("</h1>");
        if (prompt.Context.Count > 0)
        {
            html.Append("<ul class=\"context\">");
            foreach (var line in prompt.Context)
            {
                html.Append("<li>").Append(Encode(line)).Append("</li>");
            }

            html.Append("</ul>");
        }

        // The archive's evidence sits right above the questions; a clear reading pre-selects a strength the owner can change.
        var suggested = answers.Strength is null ? prompt.Suggestion : null;
        AppendEvidence(html, prompt, suggested);

        if (errors.Count > 0)
        {
            html.Append("<div class=\"summary\" role=\"alert\"><p><strong>Please check your answers. Nothing was saved yet.</strong></p><ul>");
            foreach (var message in errors.Values)
            {
                html.Append("<li>").Append(Encode(message)).Append("</li>");
            }

            html.Append("</ul></div>");
        }
        else if (answers.Skip)
        {
            html.Append("<p class=\"notice\">You chose to skip this person. Press <strong>Skip / I don't know them</strong> to confirm, or answer below.</p>");
        }

        html.Append("<form method=\"post\" action=\"").Append(Encode(postUrl)).Append("\" accept-charset=\"utf-8\">");

        var relationships = OneClickChoice.All.Where(c => c.Value != OneClickChoice.Skip).ToList();
        var chosenRelationship = relationships
            .FirstOrDefault(c => OneClickChoice.ToAnswers(c.Value)?.Relationship == answers.Relationship && answers.Relationship != RelationshipKind.Unknown)
            .Value;
        OpenFieldset(html, Fields.Relationship, Question(Fields.Relationship), errors);
        foreach (var (value, label) in relationships)
        {
            Choice(html, "radio", Fields.Relationship, value, label, value == chosenRelationship, errors);
        }

        CloseFieldset(html);

        TextArea(html, Fields.HowWeKnow, Question(Fields.HowWeKnow), answers.HowWeKnow, errors, asked.GetValueOrDefault(Fields.HowWeKnow));
        TextArea(html, Fields.SharedProject, Question(Fields.SharedProject), answers.SharedProject, errors, asked.GetValueOrDefault(Fields.SharedProject));
        Scale(html, Fields.Strength, Question(Fields.Strength), answers.Strength ?? suggested?.Strength, "weak", "strong", errors);
        Scale(html, Fields.TheirPerception, Question(Fields.TheirPerception), answers.TheirPerception, "poorly", "very well", errors);
        Scale(html, Fields.YourPerception, Question(Fields.YourPerception), answers.YourPerception, "poorly", "very well", errors);

        OpenFieldset(html, Fields.CouldHelp, Question(Fields.CouldHelp), errors);
        foreach (var (value, kind, label) in HelpChoices)
        {
            Choice(html, "checkbox", Fields.CouldHelp, value, label, answers.CouldHelp.HasFlag(kind), errors);
        }

        CloseFieldset(html);

        TextArea(html, Fields.CanOffer, Question(Fields.CanOffer), answers.CanOffer, errors, asked.GetValueOrDefault(Fields.CanOffer));
        TextArea(html, Fields.Notes, Question(Fields.Notes), answers.Notes, errors, asked.GetValueOrDefault(Fields.Notes));

        html.Append("<div class=\"actions\">")
            .Append("<button type=\"submit\" class=\"primary\">Save my answers</button>")
            .Append("<button type=\"submit\" name=\"").Append(Fields.Skip).Append("\" value=\"true\">Skip / I don't know them</button>")
            .Append("</div></form>");
        if (earlierVersions > 0)
        {
            html.Append("<p class=\"notice\">You have changed this answer before; ").Append(EarlierVersions(earlierVersions)).Append(" kept.</p>");
            UndoForm(html, postUrl, "Bring back my previous answer");
        }

        return Page($"About {prompt.DisplayName}", html.ToString());
    }

    /// <summary>
    /// Renders the thank-you page after an edit: it says the earlier answer is kept and offers to bring it back.
    /// With no earlier versions it is the plain thank-you page.
    /// </summary>
    public static string RenderThanks(string displayName, int earlierVersions, string postUrl)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        ArgumentNullException.ThrowIfNull(postUrl);
        if (earlierVersions == 0)
        {
            return RenderThanks(displayName);
        }

        var html = new StringBuilder()
            .Append("<h1>Thank you</h1>")
            .Append("<p>Your answers about <strong>").Append(Encode(displayName)).Append("</strong> are saved.</p>")
            .Append("<p class=\"notice\">Edited: your previous answer is kept (").Append(EarlierVersions(earlierVersions)).Append(").</p>");
        UndoForm(html, postUrl, "Undo this change");
        return Page("Thank you", html.ToString());
    }

    /// <summary>Renders the page shown after the previous answer was brought back (which can itself be undone).</summary>
    public static string RenderRestored(string displayName, string postUrl)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        ArgumentNullException.ThrowIfNull(postUrl);
        var html = new StringBuilder()
            .Append("<h1>Previous answer restored</h1>")
            .Append("<p>Your earlier answers about <strong>").Append(Encode(displayName)).Append("</strong> are the saved ones again. ")
            .Append("The answers they replaced are kept too.</p>");
        UndoForm(html, postUrl, "Undo this too");
        return Page("Previous answer restored", html.ToString());
    }

    /// <summary>Renders the thank-you page.</summary>
    public static string RenderThanks(string displayName)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        var body =
            "<h1>Thank you</h1>" +
            $"<p>Your answers about <strong>{Encode(displayName)}</strong> are saved.</p>" +
            "<p>You can close this page. To change them, open the link from the email again.</p>";
        return Page("Thank you", body);
    }

    /// <summary>Renders a friendly error page (expired or invalid link) with no details of the token.</summary>
    public static string RenderProblem(string title, string message)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(message);
        return Page(title, $"<h1>{Encode(title)}</h1><p>{Encode(message)}</p>");
    }

    /// <summary>
    /// Adds the "working ahead" bar (prompt <paramref name="step"/> of <paramref name="of"/>, and a way back to the campaign
    /// page) to the top of a page rendered here.
    /// </summary>
    public static string WithWorkAhead(string page, int step, int of, string campaignPageUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(campaignPageUrl);
        var bar = string.Create(
            CultureInfo.InvariantCulture,
            $"<nav class=\"notice\" aria-label=\"Working ahead\"><p>Working ahead: prompt {step} of {of}. Saving opens the next one. <a href=\"{Encode(campaignPageUrl)}\">Back to your campaign</a></p></nav>");
        return page.Replace("<main>", "<main>" + bar, StringComparison.Ordinal);
    }

    private static void AppendEvidence(StringBuilder html, ReflectionPrompt prompt, Evidence.EvidenceSuggestion? suggested)
    {
        if (prompt.Evidence.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"evidence\" aria-label=\"From your LinkedIn archive\"><p class=\"hint\">From your LinkedIn archive:</p><ul class=\"context\">");
        foreach (var line in prompt.Evidence)
        {
            html.Append("<li>").Append(Encode(line)).Append("</li>");
        }

        html.Append("</ul>");
        if (suggested is not null)
        {
            html.Append("<p class=\"hint\" id=\"evidence-suggestion\">").Append(Encode(suggested.Reason))
                .Append(string.Create(CultureInfo.InvariantCulture, $", so relationship strength {suggested.Strength} of 5 is pre-selected below. "))
                .Append("Change it if it is not right: nothing is saved until you press Save.</p>");
        }

        html.Append("</section>");
    }

    private static string EarlierVersions(int count) =>
        count == 1 ? "1 earlier version" : string.Create(CultureInfo.InvariantCulture, $"{count} earlier versions");

    private static void UndoForm(StringBuilder html, string postUrl, string label) =>
        html.Append("<form method=\"post\" action=\"").Append(Encode(postUrl)).Append("\" accept-charset=\"utf-8\">")
            .Append("<button type=\"submit\" name=\"").Append(Fields.Undo).Append("\" value=\"true\">").Append(Encode(label)).Append("</button></form>");

    private static string Page(string title, string body) => SelfContainedPage.Render(title, Stylesheet, body);

    private static void OpenFieldset(StringBuilder html, string field, string legend, IReadOnlyDictionary<string, string> errors)
    {
        html.Append("<fieldset id=\"").Append(field).Append('"');
        if (errors.ContainsKey(field))
        {
            html.Append(" aria-describedby=\"").Append(field).Append("-error\"");
        }

        html.Append("><legend>").Append(Encode(legend)).Append("</legend>");
        AppendError(html, field, errors);
    }

    private static void CloseFieldset(StringBuilder html) => html.Append("</fieldset>");

    private static void Choice(
        StringBuilder html, string type, string field, string value, string label, bool isChecked, IReadOnlyDictionary<string, string> errors)
    {
        _ = errors;
        html.Append("<label class=\"choice\"><input type=\"").Append(type)
            .Append("\" name=\"").Append(field)
            .Append("\" id=\"").Append(field).Append('-').Append(Encode(value))
            .Append("\" value=\"").Append(Encode(value)).Append('"');
        if (isChecked)
        {
            html.Append(" checked");
        }

        html.Append("><span>").Append(Encode(label)).Append("</span></label>");
    }

    private static void Scale(
        StringBuilder html, string field, string legend, int? value, string low, string high, IReadOnlyDictionary<string, string> errors)
    {
        OpenFieldset(html, field, legend, errors);
        html.Append("<div class=\"scale\">");
        for (var i = 1; i <= 5; i++)
        {
            var text = i.ToString(CultureInfo.InvariantCulture);
            html.Append("<label class=\"choice\"><input type=\"radio\" name=\"").Append(field)
                .Append("\" id=\"").Append(field).Append('-').Append(text)
                .Append("\" value=\"").Append(text).Append('"');
            if (value == i)
            {
                html.Append(" checked");
            }

            html.Append("><span>").Append(text).Append("</span></label>");
        }

        html.Append("</div><div class=\"ends\" aria-hidden=\"true\"><span>1 = ").Append(Encode(low))
            .Append("</span><span>5 = ").Append(Encode(high)).Append("</span></div>");
        CloseFieldset(html);
    }

    private static void TextArea(
        StringBuilder html, string field, string label, string? value, IReadOnlyDictionary<string, string> errors, PromptQuestion? question)
    {
        html.Append("<div class=\"field\"><label class=\"text\" for=\"").Append(field).Append("\">")
            .Append(Encode(label)).Append("</label>");
        AppendError(html, field, errors);

        // The sentence the answer finishes sits right above the box, so the owner writes the rest of it.
        if (question?.SentenceStart is { } start)
        {
            html.Append("<p class=\"start\" id=\"").Append(field).Append("-start\">").Append(Encode(start)).Append("</p>");
        }

        html.Append("<textarea id=\"").Append(field).Append("\" name=\"").Append(field).Append("\" rows=\"3\"");
        html.Append(" aria-describedby=\"");
        if (question?.SentenceStart is not null)
        {
            html.Append(field).Append("-start ");
        }

        html.Append(field).Append("-hint");
        if (errors.ContainsKey(field))
        {
            html.Append(' ').Append(field).Append("-error");
        }

        // A leading newline after <textarea> is dropped by parsers, so one is always written to keep the owner's own.
        html.Append("\">\n").Append(Encode(value ?? "")).Append("</textarea>")
            .Append("<p class=\"hint\" id=\"").Append(field).Append("-hint\">");
        if (question is { Examples.Count: > 0 })
        {
            html.Append("For example: ").Append(Encode(string.Join(" or ", question.Examples.Select(e => $"“{e}”")))).Append(". ");
        }

        if (question is { IsPrivate: true })
        {
            html.Append("Just for you: never put in a suggested message. ");
        }

        html.Append("Optional, up to ")
            .Append(MaxTextLength.ToString("N0", CultureInfo.InvariantCulture)).Append(" characters.</p></div>");
    }

    private static void AppendError(StringBuilder html, string field, IReadOnlyDictionary<string, string> errors)
    {
        if (errors.TryGetValue(field, out var message))
        {
            html.Append("<p class=\"error\" id=\"").Append(field).Append("-error\">").Append(Encode(message)).Append("</p>");
        }
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private static string StyleHash() =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Stylesheet)));
}
