using GoodwillFlow.Workflow.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Email;

/// <summary>Registers the configured <see cref="IEmailSender"/>.</summary>
public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Registers SendGrid, SMTP or the outbox, as <see cref="EmailOptions.Provider"/> says. The choice and the settings are
    /// validated when the sender is first resolved: missing SendGrid settings fail with a message naming them.
    /// A sender registered earlier (for example a test double) is kept.
    /// </summary>
    public static IServiceCollection AddGoodwillEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SendGridEmailSender.HttpClientName);
        services.TryAddSingleton<SendGridEmailSender>();
        services.TryAddSingleton<OutboxEmailSender>();
        services.TryAddSingleton<SmtpEmailSender>();
        services.TryAddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Provider switch
        {
            EmailProvider.SendGrid => sp.GetRequiredService<SendGridEmailSender>(),
            EmailProvider.Smtp => sp.GetRequiredService<SmtpEmailSender>(),
            _ => sp.GetRequiredService<OutboxEmailSender>(),
        });
        return services;
    }
}
