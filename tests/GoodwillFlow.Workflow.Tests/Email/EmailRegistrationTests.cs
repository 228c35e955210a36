using GoodwillFlow.Testing;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Tests.Email;

public class EmailRegistrationTests
{
    private static ServiceProvider Build(Action<IServiceCollection>? before = null, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName);
        before?.Invoke(services);
        services.AddGoodwillEmail();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Outbox_is_the_default()
    {
        using var provider = Build();

        Assert.IsType<OutboxEmailSender>(provider.GetRequiredService<IEmailSender>());
    }

    [Fact]
    public void SendGrid_is_used_when_configured_completely()
    {
        using var provider = Build(null, ("Email:Provider", "SendGrid"), ("Email:SendGridApiKey", "SG.x"), ("Email:FromAddress", "prompts@goodwill.example"));

        Assert.IsType<SendGridEmailSender>(provider.GetRequiredService<IEmailSender>());
    }

    [Fact]
    public void SendGrid_without_key_and_sender_fails_naming_both_settings()
    {
        using var provider = Build(null, ("Email:Provider", "SendGrid"));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IEmailSender>());

        Assert.Contains("Email__SendGridApiKey and Email__FromAddress are not set", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sender_registered_earlier_is_kept()
    {
        using var provider = Build(services => services.AddSingleton<IEmailSender, RecordingEmailSender>(), ("Email:Provider", "SendGrid"));

        Assert.IsType<RecordingEmailSender>(provider.GetRequiredService<IEmailSender>());
    }
}
