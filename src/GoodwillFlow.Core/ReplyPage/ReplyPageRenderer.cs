using GoodwillFlow.Core.Prompts;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.ReplyPage;

/// <summary>Renders the reply page: a small, phone-friendly form, and the pages shown after it.</summary>
public static class ReplyPageRenderer
{
    /// <summary>Renders the form for <paramref name="prompt"/>, pre-filled from <paramref name="prefill"/> (the one-click choice, or an earlier reply).</summary>
    public static string RenderForm(ReflectionPrompt prompt, ReplyAnswers? prefill, string postUrl) =>
        throw new NotImplementedException("Owned by the HTTP work package.");

    /// <summary>Renders the thank-you page.</summary>
    public static string RenderThanks(string displayName) =>
        throw new NotImplementedException("Owned by the HTTP work package.");

    /// <summary>Renders a friendly error page (expired or invalid link) with no details of the token.</summary>
    public static string RenderProblem(string title, string message) =>
        throw new NotImplementedException("Owned by the HTTP work package.");
}
