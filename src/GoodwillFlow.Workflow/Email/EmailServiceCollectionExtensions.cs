using Microsoft.Extensions.DependencyInjection;

namespace GoodwillFlow.Workflow.Email;

/// <summary>Registers the configured <see cref="IEmailSender"/>.</summary>
public static class EmailServiceCollectionExtensions
{
    /// <summary>Registers SendGrid or the outbox, as <see cref="Configuration.EmailOptions.Provider"/> says.</summary>
    public static IServiceCollection AddGoodwillEmail(this IServiceCollection services) =>
        services; // Owned by the email work package.
}
