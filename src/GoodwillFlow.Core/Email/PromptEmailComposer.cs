using GoodwillFlow.Core.Prompts;

namespace GoodwillFlow.Core.Email;

/// <summary>What a prompt email needs beyond the prompt itself.</summary>
/// <param name="OwnerEmail">Where it goes.</param>
/// <param name="CampaignId">For tags.</param>
/// <param name="ReplyPageUrl">The signed reply page URL, e.g. <c>https://host/api/r/{token}</c>; one-click answers add <c>?c=...</c>.</param>
/// <param name="ReplyTo">The reply-to address that routes an email answer back (e.g. <c>reply+{token}@inbound.example.com</c>), or null when reply-by-email is not set up.</param>
/// <param name="Sequence">1-based number of this prompt in the campaign.</param>
/// <param name="Total">Number of prompts in the campaign.</param>
public sealed record PromptEmailContext(
    string OwnerEmail,
    string CampaignId,
    Uri ReplyPageUrl,
    string? ReplyTo,
    int Sequence,
    int Total);

/// <summary>Builds the prompt email (HTML and plain text) with one-click answer links.</summary>
public static class PromptEmailComposer
{
    /// <summary>Composes the email for <paramref name="prompt"/>.</summary>
    public static EmailMessage Compose(ReflectionPrompt prompt, PromptEmailContext context) =>
        throw new NotImplementedException("Owned by the email work package.");
}
