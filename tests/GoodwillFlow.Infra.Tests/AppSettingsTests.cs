using System.Reflection;
using System.Text.RegularExpressions;
using GoodwillFlow.Core.Import;
using GoodwillFlow.Infra.Tests.Infrastructure;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Uploads;

namespace GoodwillFlow.Infra.Tests;

[Collection(CompiledInfrastructure.Collection)]
public sealed partial class AppSettingsTests(CompiledInfrastructure infra)
{
    /// <summary>
    /// The options classes the app binds, by configuration section: every Workflow type with a public SectionName
    /// constant, plus the import limits bound under Goodwill:Import. App settings are <c>Section__Property</c>.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, Type> OptionsBySection =
        typeof(GoodwillOptions).Assembly.GetExportedTypes()
            .Where(t => t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .Select(t => KeyValuePair.Create(SectionName(t), t))
            .Append(KeyValuePair.Create(UploadsServiceCollectionExtensions.ImportSectionName, typeof(LinkedInImportOptions)))
            .ToDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Settings read by the platform, the Functions host or the Azure SDK rather than by an options class.</summary>
    private static readonly string[] PlatformSettings =
    [
        $"{StorageOptions.ConnectionName}__blobServiceUri",
        $"{StorageOptions.ConnectionName}__queueServiceUri",
        $"{StorageOptions.ConnectionName}__tableServiceUri",
        $"{StorageOptions.ConnectionName}__credential",
        $"{StorageOptions.ConnectionName}__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "AZURE_CLIENT_ID",
    ];

    /// <summary>Options whose defaults are wrong in Azure, so the deployment must set them, and why.</summary>
    public static TheoryData<string, string> RequiredInAzure => new()
    {
        { Setting<GoodwillOptions>(nameof(GoodwillOptions.OwnerEmail)), "prompts go to the owner, and only the owner's replies count; the default is empty" },
        { Setting<GoodwillOptions>(nameof(GoodwillOptions.TimeZone)), "the default UTC would send prompts at night for most owners" },
        { Setting<GoodwillOptions>(nameof(GoodwillOptions.PromptsPerDay)), "the cadence is a deployment parameter" },
        { Setting<GoodwillOptions>(nameof(GoodwillOptions.Days)), "the cadence is a deployment parameter" },
        { Setting<GoodwillOptions>(nameof(GoodwillOptions.WindowStart)), "the cadence is a deployment parameter" },
        { Setting<GoodwillOptions>(nameof(GoodwillOptions.WindowEnd)), "the cadence is a deployment parameter" },
        { Setting<GoodwillOptions>(nameof(GoodwillOptions.TargetCompanies)), "the shortlist ranks by the owner's targets" },
        { Setting<GoodwillOptions>(nameof(GoodwillOptions.TargetRoles)), "the shortlist ranks by the owner's targets" },
        { Setting<EmailOptions>(nameof(EmailOptions.Provider)), "the default Outbox writes files nobody reads in Azure" },
        { Setting<EmailOptions>(nameof(EmailOptions.SendGridApiKey)), "SendGrid refuses mail without it" },
        { Setting<EmailOptions>(nameof(EmailOptions.FromAddress)), "SendGrid sends only from a verified sender; the default is empty" },
        { Setting<EmailOptions>(nameof(EmailOptions.InboundDomain)), "reply-by-email is offered only when it is set" },
        { Setting<ReplyLinkOptions>(nameof(ReplyLinkOptions.PublicBaseUrl)), "the default points at localhost, so every link in a prompt would be dead" },
        { Setting<ReplyLinkOptions>(nameof(ReplyLinkOptions.SigningKey)), "the app refuses to start without 32 bytes of key" },
        { Setting<ReplyLinkOptions>(nameof(ReplyLinkOptions.InboundSecret)), "an empty secret would leave the Inbound Parse webhook open to anyone" },
    };

    /// <summary>Settings that hold secrets: they must be Key Vault references, never values.</summary>
    public static TheoryData<string, string> SecretSettings => new()
    {
        { Setting<EmailOptions>(nameof(EmailOptions.SendGridApiKey)), "sendgrid-api-key" },
        { Setting<ReplyLinkOptions>(nameof(ReplyLinkOptions.SigningKey)), "reply-signing-key" },
        { Setting<ReplyLinkOptions>(nameof(ReplyLinkOptions.InboundSecret)), "inbound-secret" },
        { Setting<EmailOptions>(nameof(EmailOptions.SmtpPassword)), "smtp-password" },
        { Setting<Workflow.Mailbox.MailboxOptions>(nameof(Workflow.Mailbox.MailboxOptions.ImapPassword)), "imap-password" },
    };

    [Theory]
    [MemberData(nameof(RequiredInAzure))]
    public void Every_setting_the_app_needs_in_Azure_is_set(string setting, string reason)
    {
        Assert.True(infra.AppSettings.ContainsKey(setting), $"main.bicep does not set {setting}: {reason}.");
    }

    [Fact]
    public void Every_app_setting_targets_an_option_that_exists_or_a_platform_setting()
    {
        foreach (var setting in infra.AppSettings.Keys)
        {
            if (PlatformSettings.Contains(setting, StringComparer.Ordinal))
            {
                continue;
            }

            var parts = setting.Split("__");
            Assert.True(parts.Length >= 2, $"{setting} is neither Section__Property nor a known platform setting.");
            var section = string.Join(':', parts[..^1]);
            Assert.True(OptionsBySection.TryGetValue(section, out var options), $"{setting}: no options class binds section '{section}'.");
            Assert.True(options.GetProperty(parts[^1], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { CanWrite: true },
                $"{setting}: {options.Name} has no settable property '{parts[^1]}' (renamed?).");
        }
    }

    [Fact]
    public void Options_sections_are_found_so_the_rename_check_has_teeth()
    {
        Assert.Equal(typeof(GoodwillOptions), OptionsBySection[GoodwillOptions.SectionName]);
        Assert.Equal(typeof(EmailOptions), OptionsBySection[EmailOptions.SectionName]);
        Assert.Equal(typeof(ReplyLinkOptions), OptionsBySection[ReplyLinkOptions.SectionName]);
        Assert.Equal(typeof(StorageOptions), OptionsBySection[StorageOptions.SectionName]);
    }

    [Fact]
    public void Storage_connection_shared_by_host_durable_and_blob_trigger_is_identity_based()
    {
        var settings = infra.AppSettings;
        var connection = StorageOptions.ConnectionName;

        Assert.Equal("managedidentity", settings[$"{connection}__credential"]);
        Assert.Equal("[reference('identity').outputs.clientId.value]", settings[$"{connection}__clientId"]);
        Assert.Equal("[reference('storage').outputs.blobEndpoint.value]", settings[$"{connection}__blobServiceUri"]);
        Assert.Equal("[reference('storage').outputs.queueEndpoint.value]", settings[$"{connection}__queueServiceUri"]);
        Assert.Equal("[reference('storage').outputs.tableEndpoint.value]", settings[$"{connection}__tableServiceUri"]);
        Assert.False(settings.ContainsKey(connection), "A plain AzureWebJobsStorage connection string needs account keys, which are disabled.");
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    [InlineData("AzureWebJobsStorage__accountName")]
    public void Settings_flex_consumption_rejects_or_that_would_shadow_the_service_uris_are_absent(string setting)
    {
        Assert.False(infra.AppSettings.ContainsKey(setting), $"{setting} must not be set on a Flex Consumption app.");
    }

    [Theory]
    [MemberData(nameof(SecretSettings))]
    public void Secret_settings_are_key_vault_references_resolved_by_the_platform(string setting, string secretName)
    {
        var value = infra.AppSettings[setting];
        var output = infra.Main.ModuleOutputExpression(value);

        Assert.True(output is not null, $"{setting} should come from a Key Vault module output, not '{value}'.");
        Assert.Contains("@Microsoft.KeyVault(SecretUri={0})", output, StringComparison.Ordinal);
        Assert.Contains($"'{secretName}'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_provider_values_are_ones_the_app_understands()
    {
        var expression = infra.AppSettings[Setting<EmailOptions>(nameof(EmailOptions.Provider))];
        var literals = QuotedLiteral().Matches(expression).Select(m => m.Groups["value"].Value).ToList();

        Assert.NotEmpty(literals);
        Assert.All(literals, value => Assert.True(Enum.TryParse<EmailProvider>(value, ignoreCase: true, out _), $"'{value}' is not an EmailProvider."));
        Assert.Contains(nameof(EmailProvider.SendGrid), literals);
    }

    [Fact]
    public void Reply_links_point_at_the_app_own_https_host_name()
    {
        var expression = infra.AppSettings[Setting<ReplyLinkOptions>(nameof(ReplyLinkOptions.PublicBaseUrl))];

        Assert.Contains("createObject('ReplyLinks__PublicBaseUrl', format('https://{0}', reference(resourceId('Microsoft.Web/sites', parameters('name')), '2024-11-01').defaultHostName))",
            expression, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_come_from_the_deployment_parameters_azd_asks_for()
    {
        var settings = infra.AppSettings;

        Assert.Equal("[parameters('ownerEmail')]", settings["Goodwill__OwnerEmail"]);
        Assert.Equal("[parameters('timeZone')]", settings["Goodwill__TimeZone"]);
        Assert.Equal("[string(parameters('promptsPerDay'))]", settings["Goodwill__PromptsPerDay"]);
        Assert.Equal("[parameters('senderEmail')]", settings["Email__FromAddress"]);
        Assert.Equal("[parameters('inboundParseDomain')]", settings["Email__InboundDomain"]);
    }

    private static string Setting<TOptions>(string property) => $"{SectionName(typeof(TOptions))}__{property}";

    private static string SectionName(Type options) =>
        (string?)options.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue()
        ?? throw new InvalidOperationException($"{options.Name} has no public SectionName constant.");

    [GeneratedRegex(@"(?<!\()'(?<value>[A-Za-z]+)'")]
    private static partial Regex QuotedLiteral();
}
