using System.Reflection;
using GoodwillFlow.Functions.Uploads;
using GoodwillFlow.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoodwillFlow.Functions.Tests;

/// <summary>
/// The Functions host creates each function class from the services Program.cs registers. Nothing can run the host here,
/// so this builds the same container (AddGoodwillWorkflow over app settings) and creates every function class from it,
/// which is where a missing registration would otherwise first show up: in Azure, on the first trigger.
/// </summary>
public sealed class CompositionRootTests
{
    public static TheoryData<string> FunctionClasses => new(FunctionClassNames());

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public void Every_function_class_is_created_from_the_one_composition_root(string typeName)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
                ["Goodwill:OwnerEmail"] = "owner@example.com",
                ["ReplyLinks:SigningKey"] = Convert.ToBase64String(new byte[32]),
                ["ReplyLinks:InboundSecret"] = "inbound-secret",
            })
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddGoodwillWorkflow(configuration);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var scope = provider.CreateScope();

        var type = typeof(ConnectionsUploadFunction).Assembly.GetType(typeName)!;
        var function = ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);

        Assert.IsType(type, function);
    }

    [Fact]
    public void Finds_the_function_classes_it_checks()
    {
        Assert.Contains(typeof(ConnectionsUploadFunction).FullName!, FunctionClassNames());
    }

    private static IEnumerable<string> FunctionClassNames() =>
        typeof(ConnectionsUploadFunction).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .Select(t => t.FullName!);
}
