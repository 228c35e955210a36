using GoodwillFlow.Functions.Http;
using GoodwillFlow.Workflow.Configuration;
using Microsoft.Extensions.Configuration;

namespace GoodwillFlow.Functions.Hosting;

/// <summary>
/// The secret settings each HTTP function cannot work without. In Azure they are Key Vault references: one that the
/// platform failed to resolve (for example before the identity's role propagated) is left as the literal
/// <c>@Microsoft.KeyVault(...)</c> text for up to a day, which is as unusable as a missing value.
/// </summary>
public static class RequiredSettings
{
    private const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    private static readonly string SigningKey = $"{ReplyLinkOptions.SectionName}:{nameof(ReplyLinkOptions.SigningKey)}";
    private static readonly string InboundSecret = $"{ReplyLinkOptions.SectionName}:{nameof(ReplyLinkOptions.InboundSecret)}";

    private static readonly Dictionary<string, string[]> ByFunction = new(StringComparer.Ordinal)
    {
        [nameof(ReplyFunctions.ShowReplyPage)] = [SigningKey],
        [nameof(ReplyFunctions.SubmitReply)] = [SigningKey],
        [nameof(ReplyFunctions.ReceiveInboundEmail)] = [InboundSecret, SigningKey],
        [nameof(OwnerPageFunctions.ShowCampaignPage)] = [SigningKey],
        [nameof(OwnerPageFunctions.DownloadCampaignShortlist)] = [SigningKey],
        [nameof(OwnerPageFunctions.ControlCampaignPage)] = [SigningKey],
    };

    /// <summary>Returns the settings <paramref name="functionName"/> needs that are empty or unresolved, as app setting names (<c>ReplyLinks__SigningKey</c>).</summary>
    public static IReadOnlyList<string> Missing(IConfiguration configuration, string functionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!ByFunction.TryGetValue(functionName, out var required))
        {
            return [];
        }

        return required
            .Where(key => configuration[key] is not { Length: > 0 } value || value.StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase))
            .Select(key => key.Replace(":", "__", StringComparison.Ordinal))
            .ToList();
    }
}
