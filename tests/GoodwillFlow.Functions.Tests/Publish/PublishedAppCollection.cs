namespace GoodwillFlow.Functions.Tests.Publish;

/// <summary>The test classes that read or run the published app share one <c>dotnet publish</c> per test run.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedAppCollection : ICollectionFixture<PublishedFunctionsApp>
{
    public const string Name = "Published Functions app";
}
