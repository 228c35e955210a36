using GoodwillFlow.Testing.Azurite;

namespace GoodwillFlow.Workflow.Tests.Storage;

/// <summary>One Azurite for every storage test class; each test uses its own table prefix or campaign id.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteStorageCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite storage";
}
