using GoodwillFlow.Functions.Hosting;
using Microsoft.Extensions.Configuration;

namespace GoodwillFlow.Functions.Tests;

public sealed class RequiredSettingsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-abc.vault.azure.net/secrets/reply-signing-key/)")]
    public void Names_a_missing_or_unresolved_signing_key_for_the_reply_page(string? value)
    {
        var configuration = Configuration(("ReplyLinks:SigningKey", value), ("ReplyLinks:InboundSecret", "secret"));

        Assert.Equal(["ReplyLinks__SigningKey"], RequiredSettings.Missing(configuration, "SubmitReply"));
        Assert.Equal(["ReplyLinks__SigningKey"], RequiredSettings.Missing(configuration, "ReceiveInboundEmail"));
    }

    [Fact]
    public void Asks_nothing_of_a_configured_app_or_of_functions_without_secrets()
    {
        var configured = Configuration(("ReplyLinks:SigningKey", Convert.ToBase64String(new byte[32])), ("ReplyLinks:InboundSecret", "secret"));
        var empty = Configuration();

        Assert.Empty(RequiredSettings.Missing(configured, "ShowReplyPage"));
        Assert.Empty(RequiredSettings.Missing(configured, "ReceiveInboundEmail"));
        Assert.Empty(RequiredSettings.Missing(empty, "GetCampaignStatus"));
        Assert.Equal(["ReplyLinks__InboundSecret", "ReplyLinks__SigningKey"], RequiredSettings.Missing(empty, "ReceiveInboundEmail"));
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();
}
