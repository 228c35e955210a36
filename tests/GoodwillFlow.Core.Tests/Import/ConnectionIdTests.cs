using System.Text;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Core.Tests.Import;

public class ConnectionIdTests
{
    [Fact]
    public void Derives_ids_from_the_published_xxh3_algorithm_so_they_never_change_between_machines_or_versions()
    {
        // XXH3_64bits of the empty input with seed 0, from the xxHash reference test vectors.
        Assert.Equal("2d06800538d394c2", ConnectionId.FromText(string.Empty));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(128)]
    [InlineData(170)]
    [InlineData(171)]
    [InlineData(240)]
    [InlineData(241)]
    [InlineData(512)]
    [InlineData(2000)]
    public void Gives_one_id_whether_the_text_arrives_as_a_string_chars_or_utf8(int length)
    {
        // Accented and astral characters move the UTF-8 length across the stack buffer's limit at different points.
        var text = string.Concat(Enumerable.Range(0, length).Select(i => (i % 7) switch { 3 => "é", 5 => "🚀", _ => "a" }));

        var id = ConnectionId.FromText(text);

        Assert.True(ConnectionId.IsValid(id), $"'{id}' is not 16 lowercase hex characters.");
        Assert.Equal(id, ConnectionId.FromText(text.AsSpan()));
        Assert.Equal(id, ConnectionId.FromUtf8(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(id, ConnectionId.ToId(ConnectionId.Hash(text.AsSpan())));
    }

    [Fact]
    public void Gives_thirty_thousand_profiles_thirty_thousand_distinct_well_formed_ids()
    {
        var ids = Enumerable.Range(0, 30_000).Select(i => ConnectionId.FromText($"linkedin.com/in/person-{i:x5}")).ToList();

        Assert.All(ids, id => Assert.True(ConnectionId.IsValid(id), $"'{id}' is not 16 lowercase hex characters."));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Keeps_leading_zero_digits_so_every_id_has_sixteen_characters()
    {
        Assert.Equal("000000000000002a", ConnectionId.ToId(42));
        Assert.Equal("ffffffffffffffff", ConnectionId.ToId(ulong.MaxValue));
    }

    [Fact]
    public void Gives_a_row_without_a_url_the_id_of_its_case_folded_fields_and_iso_date()
    {
        var result = Exports.Import(Exports.Notes + Exports.NoUrlHeader + "\nAda,Lovelace,,Engines,,14 Feb 2024\n");

        Assert.Equal(ConnectionId.FromText("row\u001fADA\u001fLOVELACE\u001fENGINES\u001f\u001f2024-02-14"), result.Connections[0].Id);
    }

    [Fact]
    public void Gives_accented_names_the_same_id_whether_composed_or_decomposed()
    {
        var composed = Exports.Import(Exports.Notes + Exports.NoUrlHeader + "\nZo\u00eb,M\u00fcller,,Soci\u00e9t\u00e9,,1 Jan 2020\n");
        var decomposed = Exports.Import(Exports.Notes + Exports.NoUrlHeader + "\nZoe\u0308,Mu\u0308ller,,Socie\u0301te\u0301,,1 Jan 2020\n");

        Assert.Equal(composed.Connections[0].Id, decomposed.Connections[0].Id);
        Assert.Equal(ConnectionId.FromText("row\u001fZO\u00cb\u001fM\u00dcLLER\u001fSOCI\u00c9T\u00c9\u001f\u001f2020-01-01"), composed.Connections[0].Id);
    }

    [Fact]
    public void Keeps_an_unreadable_date_in_the_id_of_a_row_without_a_url()
    {
        var result = Exports.Import(Exports.Notes + Exports.NoUrlHeader + "\nAda,Lovelace,,Engines,Programmer,sometime in spring\n");

        Assert.Equal(ConnectionId.FromText("row\u001fADA\u001fLOVELACE\u001fENGINES\u001fPROGRAMMER\u001fSOMETIME IN SPRING"), result.Connections[0].Id);
    }

    [Theory]
    [InlineData(200, 0)]
    [InlineData(0, 400)]
    public void Gives_a_row_with_long_fields_the_id_of_its_whole_key(int decomposingChars, int plainChars)
    {
        // U+0958 composes to two characters under Form C, so the key outgrows the room estimated from the fields.
        var company = new string('\u0958', decomposingChars) + new string('x', plainChars);
        var result = Exports.Import(Exports.Notes + Exports.NoUrlHeader + $"\nAda,Lovelace,,{company},,14 Feb 2024\n");

        var expectedCompany = company.Normalize(NormalizationForm.FormC).ToUpperInvariant();
        Assert.Equal(ConnectionId.FromText($"row\u001fADA\u001fLOVELACE\u001f{expectedCompany}\u001f\u001f2024-02-14"), result.Connections[0].Id);
    }
}
