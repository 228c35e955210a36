using Azure.Data.Tables;
using GoodwillFlow.Local.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>The demo's throwaway storage: Azurite with in-memory persistence.</summary>
public sealed class InMemoryAzuriteTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("goodwill-inmemory-").FullName;

    [Fact]
    public async Task Serves_tables_and_leaves_no_data_files_behind()
    {
        var dataPath = Path.Combine(_folder, "azurite");
        var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { DataPath = dataPath, InMemory = true }, NullLogger.Instance, CancellationToken.None);
        try
        {
            var table = new TableClient(azurite.ConnectionString, "inmemory");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });
            Assert.Equal(42, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("Value"));
        }
        finally
        {
            await azurite.DisposeAsync();
        }

        // Azurite with a data location writes its __azurite_db_*.json files there; in memory, nothing but the pid file.
        var files = Directory.GetFiles(dataPath, "*", SearchOption.AllDirectories).Select(Path.GetFileName);
        Assert.DoesNotContain(files, name => name!.StartsWith("__azurite_db", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
