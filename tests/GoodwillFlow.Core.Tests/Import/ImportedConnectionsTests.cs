using System.Text;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Core.Tests.Import;

public class ImportedConnectionsTests
{
    // Doubled quotes (decoded by the reader into a buffer of its own), emoji, accents, a no-break space and an
    // ideographic space around values, a value of spaces only, and a Windows line ending.
    private static readonly string Export = Exports.Current(
        "\"Mary-Jane \"\"MJ\"\"\",O'Neil 🎉,https://www.linkedin.com/in/mj,,\"Smith, Jones & Co.\",\"VP, Sales \"\"EMEA\"\"\",1 Jan 2023",
        "\u00A0Sofía\u00A0,\u3000Hernández,https://www.linkedin.com/in/sof%C3%ADa,sofia@example.com, \u2003 ,Designer\r",
        ",Prince,https://www.linkedin.com/in/prince,,,,someday");

    [Fact]
    public void Every_field_read_as_utf8_is_the_value_of_the_connection_made_from_it()
    {
        var imported = Assert.IsType<ImportedConnections>(Exports.Import(Export).Connections);

        Assert.Equal(3, imported.Count);
        for (var i = 0; i < imported.Count; i++)
        {
            var connection = imported[i];
            Assert.Equal(connection.FirstName, Utf8(imported, i, ImportedConnections.Field.FirstName) ?? string.Empty);
            Assert.Equal(connection.LastName, Utf8(imported, i, ImportedConnections.Field.LastName) ?? string.Empty);
            Assert.Equal(connection.Url, Utf8(imported, i, ImportedConnections.Field.Url));
            Assert.Equal(connection.EmailAddress, Utf8(imported, i, ImportedConnections.Field.EmailAddress));
            Assert.Equal(connection.Company, Utf8(imported, i, ImportedConnections.Field.Company));
            Assert.Equal(connection.Position, Utf8(imported, i, ImportedConnections.Field.Position));
            Assert.Equal(connection.ConnectedOn, imported.ConnectedOn(i));
        }
    }

    [Fact]
    public void Values_are_unquoted_and_trimmed_of_any_white_space_and_blank_ones_are_absent()
    {
        var connections = Exports.Import(Export).Connections;

        Assert.Equal("Mary-Jane \"MJ\"", connections[0].FirstName);
        Assert.Equal("VP, Sales \"EMEA\"", connections[0].Position);
        Assert.Equal("Sofía", connections[1].FirstName);
        Assert.Equal("Hernández", connections[1].LastName);
        Assert.Null(connections[1].Company);
        Assert.Equal("Designer", connections[1].Position);
        Assert.Equal(string.Empty, connections[2].FirstName);
        Assert.Null(connections[2].ConnectedOn);
    }

    [Fact]
    public void A_connection_is_made_once_and_is_the_same_however_it_is_reached()
    {
        var connections = Exports.Import(Export).Connections;

        var made = new Connection[connections.Count];
        Parallel.For(0, 64, attempt =>
        {
            for (var i = 0; i < connections.Count; i++)
            {
                var connection = connections[i];
                Interlocked.CompareExchange(ref made[i], connection, null);
                Assert.Same(made[i], connection);
            }
        });

        Assert.Equal(made, connections.ToArray());
        Assert.Equal(ConnectionId.FromText(ProfileUrl.Normalise("https://www.linkedin.com/in/mj")), connections[0].Id);
    }

    [Fact]
    public void An_index_outside_the_list_is_refused()
    {
        var imported = Assert.IsType<ImportedConnections>(Exports.Import(Export).Connections);

        Assert.Throws<ArgumentOutOfRangeException>(() => imported[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => imported[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => imported.ConnectedOn(3));
    }

    private static string? Utf8(ImportedConnections connections, int index, ImportedConnections.Field field) =>
        connections.TryGetUtf8(index, field, out var utf8) ? Encoding.UTF8.GetString(utf8) : null;

    [Fact]
    public void A_file_of_blank_lines_costs_no_table_for_the_rows_it_does_not_keep()
    {
        // Two million empty rows after one person: a re-saved spreadsheet can end in a million rows of commas.
        var text = Exports.Current("Ada,Lovelace,https://www.linkedin.com/in/ada,,,,14 Feb 2024") + new string('\n', 2_000_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Exports.Import(text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("Ada", Assert.Single(result.Connections).FirstName);
        Assert.Equal(2_000_000, result.Skipped);
        // The text itself (2 MB) and tables for LinkedIn's 30,000 rows; tables sized by lines would take 160 MB.
        Assert.InRange(allocated, 0, 12_000_000);
    }
}
