using GoodwillFlow.Core.Email;
using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Prompts;
using GoodwillFlow.Core.ReplyPage;
using static GoodwillFlow.Core.Tests.Evidence.EvidenceSamples;

namespace GoodwillFlow.Core.Tests.Evidence;

/// <summary>The archive's evidence where the owner reflects: the prompt email, the digest and the reply page.</summary>
public class EvidenceInPromptsTests
{
    private static readonly Uri ReplyPage = new("https://goodwill.example/api/r/v1.abc_DEF-123");

    private static readonly ConnectionEvidence Strong = Messages(8, 6, new(2026, 3, 9)) with
    {
        Recommendations = [new RecommendationEvidence(EvidenceDirection.ToOwner, new DateOnly(2021, 3, 15), "A calm & kind <lead>.", EvidenceMatch.ProfileUrl)],
    };

    private static ReflectionPrompt Prompt(ConnectionEvidence? evidence) =>
        ReflectionPromptBuilder.Build(Person("0123456789abcdef"), Today, evidence);

    [Fact]
    public void The_prompt_email_shows_the_evidence_before_the_questions_in_html_and_text()
    {
        var message = PromptEmailComposer.Compose(
            Prompt(Strong), new PromptEmailContext("owner@example.com", "fedcba9876543210", ReplyPage, "reply+v1.abc@inbound.example.com", 1, 5));

        const string Line = "You exchanged 14 messages, the last in March 2026 (they wrote last)";
        var text = message.TextBody;
        Assert.Contains("From your LinkedIn archive:", text, StringComparison.Ordinal);
        Assert.Contains("- They recommended you in 2021: “A calm & kind <lead>.”", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf(Line, StringComparison.Ordinal) < text.IndexOf("What was Maya to you?", StringComparison.Ordinal));
        Assert.True(text.IndexOf(Line, StringComparison.Ordinal) < text.IndexOf("1. What was Maya", StringComparison.Ordinal));

        var html = message.HtmlBody;
        Assert.Contains(Line, html, StringComparison.Ordinal);
        Assert.Contains("A calm &amp; kind &lt;lead&gt;.", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf(Line, StringComparison.Ordinal) < html.IndexOf("One click is enough", StringComparison.Ordinal));
    }

    [Fact]
    public void A_prompt_without_evidence_is_unchanged()
    {
        var plain = PromptEmailComposer.Compose(Prompt(null), new PromptEmailContext("owner@example.com", "fedcba9876543210", ReplyPage, null, 1, 5));

        Assert.DoesNotContain("LinkedIn archive", plain.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("LinkedIn archive", plain.HtmlBody, StringComparison.Ordinal);
        Assert.Null(Prompt(null).Suggestion);
    }

    [Fact]
    public void The_digest_shows_each_persons_evidence_under_their_heading()
    {
        var message = DigestEmailComposer.Compose(
            [new DigestEntry(Prompt(Strong), ReplyPage, 1), new DigestEntry(ReflectionPromptBuilder.Build(Person("1123456789abcdef", "Sam", "Ode"), Today), ReplyPage, 2)],
            new DigestEmailContext("owner@example.com", "fedcba9876543210", null, Today, 2));

        var text = message.TextBody;
        Assert.True(text.IndexOf("1. Maya Chen", StringComparison.Ordinal) < text.IndexOf("They recommended you in 2021", StringComparison.Ordinal));
        Assert.True(text.IndexOf("They recommended you in 2021", StringComparison.Ordinal) < text.IndexOf("2. Sam Ode", StringComparison.Ordinal));
        Assert.Equal(1, CountOf(text, "From your LinkedIn archive:"));
    }

    [Fact]
    public void The_reply_page_shows_the_evidence_and_pre_selects_a_strong_tie_without_recording_anything()
    {
        var page = ReplyPageRenderer.RenderForm(Prompt(Strong), prefill: null, "/api/r/t");

        Assert.Contains("You exchanged 14 messages, the last in March 2026 (they wrote last)", page, StringComparison.Ordinal);
        Assert.Contains("id=\"strength-4\" value=\"4\" checked", page, StringComparison.Ordinal);
        Assert.Contains("strong tie, so relationship strength 4 of 5 is pre-selected below", page, StringComparison.Ordinal);
        Assert.Contains("nothing is saved until you press Save", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("id=\"evidence\"", StringComparison.Ordinal) < page.IndexOf("<form", StringComparison.Ordinal));
    }

    [Fact]
    public void The_reply_page_pre_selects_faded_for_one_way_messages_long_ago()
    {
        var page = ReplyPageRenderer.RenderForm(Prompt(Messages(2, 0, new(2019, 6, 14), theyWroteLast: false)), prefill: null, "/api/r/t");

        Assert.Contains("id=\"strength-1\" value=\"1\" checked", page, StringComparison.Ordinal);
        Assert.Contains("suggests this tie has faded", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reply_page_never_pre_selects_on_a_name_only_match_and_never_over_the_owners_answer()
    {
        var byName = ReplyPageRenderer.RenderForm(Prompt(RecommendedYou(2021, match: EvidenceMatch.NameOnly)), prefill: null, "/api/r/t");
        Assert.Contains("probably the same person", byName, StringComparison.Ordinal);
        Assert.DoesNotContain(" checked", byName, StringComparison.Ordinal);
        Assert.DoesNotContain("pre-selected", byName, StringComparison.Ordinal);

        var answered = ReplyPageRenderer.RenderForm(Prompt(Strong), new Core.Replies.ReplyAnswers { Strength = 2 }, "/api/r/t");
        Assert.Contains("id=\"strength-2\" value=\"2\" checked", answered, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"strength-4\" value=\"4\" checked", answered, StringComparison.Ordinal);
        Assert.DoesNotContain("pre-selected", answered, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
