using System.Text.Json;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Core.Tests.Import.Archive;

public sealed class ArchivePrivacyTests
{
    [Fact]
    public void No_message_content_or_subject_appears_anywhere_in_the_result()
    {
        var result = Archives.Complete().Import();

        var json = JsonSerializer.Serialize(result);

        Assert.Contains("Kubernetes", json, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-CONTENT", json, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-SUBJECT", json, StringComparison.Ordinal);
        Assert.DoesNotContain("with a comma", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_name_files_and_counts_never_people()
    {
        var messages = Archives.MessagesCsv + Archives.Message("c9", "Ada Lovelace", "https://www.linkedin.com/in/ada-lovelace", "Olive Owner", Archives.OwnerUrl, "yesterday", 9) + "\n";

        var result = new Archives().Add("Connections.csv", Archives.ConnectionsCsv).Add("messages.csv", messages).Import();

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("messages.csv: 1 message had no readable date and was not counted.", warning);
    }

    [Fact]
    public void Quotes_a_recommendation_in_twelve_words_at_most()
    {
        var result = Archives.Complete().Import();

        var excerpts = result.Evidence!.Values.SelectMany(e => e.Recommendations).Select(r => r.Excerpt).ToList();

        Assert.NotEmpty(excerpts);
        Assert.All(excerpts, e => Assert.True(e.TrimEnd('…').Split(' ').Length <= 12, e));
    }
}
