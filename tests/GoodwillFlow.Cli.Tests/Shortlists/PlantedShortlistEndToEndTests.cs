using System.Text.Json;
using GoodwillFlow.Cli.Local;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Testing.Hosting;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace GoodwillFlow.Cli.Tests.Shortlists;

/// <summary>
/// The planted 30-person network through the real local runtime: every prompt answered on the reply page as the
/// owner would, then the shortlist the campaign stored, read as the owner reads it.
/// </summary>
public sealed class PlantedShortlistEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Planted_network_answered_on_the_reply_page_gives_tiers_with_openers_in_the_owners_words()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var host = await LocalRuntimeTestHost.StartAsync(
            TimeSpan.FromMilliseconds(200),
            TimeSpan.FromSeconds(2),
            timeout.Token,
            o =>
            {
                o.Settings["Goodwill:TargetCompanies"] = PlantedNetwork.TargetCompanies;
                o.Settings["Goodwill:TargetRoles"] = PlantedNetwork.TargetRoles;
                o.Settings["Goodwill:ShortlistSize"] = "50";
            });

        await host.UploadAsync(PlantedNetwork.People.Select(p => p.Row), timeout.Token);
        var campaignId = await host.WaitForCampaignAsync(timeout.Token);

        using var http = new HttpClient { BaseAddress = host.Runtime.BaseAddress };
        var answered = 0;
        var done = await host.AnswerEveryPromptAsync(
            campaignId,
            async file =>
            {
                if (OutboxMessage.TryRead(file) is not { ReplyPageUrl: { } page } message)
                {
                    return false;
                }

                var person = PlantedNetwork.ForSubject(message.Subject);
                using (var opened = await http.GetAsync(page, timeout.Token))
                {
                    opened.EnsureSuccessStatusCode();
                }

                using var form = new FormUrlEncodedContent(person.FormFields());
                using var saved = await http.PostAsync(page, form, timeout.Token);
                saved.EnsureSuccessStatusCode();
                answered++;
                return true;
            },
            TimeSpan.FromMilliseconds(150),
            timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(PlantedNetwork.People.Count, answered);

        var files = host.Files;
        var json = await files.ReadShortlistAsync(campaignId, ShortlistFormat.Json, timeout.Token);
        using var document = JsonDocument.Parse(json!);
        var entries = document.RootElement.GetProperty("entries").EnumerateArray().ToList();
        var topTen = entries.Take(10).Select(e => (Name: e.GetProperty("name").GetString()!, Opener: e.GetProperty("opener").GetString()!)).ToList();
        foreach (var (name, opener) in topTen)
        {
            output.WriteLine($"{name}: {opener}");
        }

        if (Environment.GetEnvironmentVariable("GOODWILL_PLANTED_OPENERS") is { Length: > 0 } dump)
        {
            await File.WriteAllLinesAsync(dump, topTen.Select(t => $"{t.Name}: {t.Opener}"), timeout.Token);
        }

        AssertTiers(entries);
        AssertOpeners(entries);

        var legacy = document.RootElement.GetProperty("legacy").GetString()!;
        Assert.StartsWith("You reflected on 24 people.", legacy, StringComparison.Ordinal);
        var payItForward = document.RootElement.GetProperty("payItForward").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("Elena Popescu", payItForward);
        Assert.Contains("Eli Brooks", payItForward);

        var html = System.Text.Encoding.UTF8.GetString((await files.ReadShortlistAsync(campaignId, ShortlistFormat.Html, timeout.Token))!);
        Assert.Contains("Ask for a referral or introduction", html, StringComparison.Ordinal);
        Assert.Contains("Ask for advice", html, StringComparison.Ordinal);
        Assert.Contains("Reconnect", html, StringComparison.Ordinal);
        Assert.Contains("Pay it forward", html, StringComparison.Ordinal);
    }

    private static void AssertTiers(List<JsonElement> entries)
    {
        var listed = entries.Select(e => (Name: e.GetProperty("name").GetString()!, Tier: e.GetProperty("tier").GetString()!)).ToList();
        string TierOf(PlantedTier tier) => tier switch
        {
            PlantedTier.Referral => "Ask for a referral or introduction",
            PlantedTier.Advice => "Ask for advice",
            _ => "Reconnect",
        };

        foreach (var person in PlantedNetwork.People)
        {
            var found = listed.Where(l => l.Name == person.DisplayName).ToList();
            if (person.Tier is PlantedTier.LeftOut or PlantedTier.WeakTie)
            {
                Assert.True(found.Count == 0, $"{person.DisplayName} ({person.Tier}) must not be listed.");
            }
            else
            {
                Assert.Equal(TierOf(person.Tier), Assert.Single(found).Tier);
            }
        }

        // Tiers come in order, each ranked from 1.
        Assert.Equal(
            ["Ask for a referral or introduction", "Ask for advice", "Reconnect"],
            listed.Select(l => l.Tier).Distinct().ToArray());
        foreach (var tier in entries.GroupBy(e => e.GetProperty("tier").GetString()))
        {
            Assert.Equal(Enumerable.Range(1, tier.Count()), tier.Select(e => e.GetProperty("rank").GetInt32()));
        }
    }

    private static void AssertOpeners(List<JsonElement> entries)
    {
        var openers = entries.Take(10).Select(e => (Name: e.GetProperty("name").GetString()!, Opener: e.GetProperty("opener").GetString()!)).ToList();
        Assert.Equal(openers.Count, openers.Select(o => o.Opener).Distinct(StringComparer.Ordinal).Count());
        foreach (var (name, opener) in openers)
        {
            var person = PlantedNetwork.People.Single(p => p.DisplayName == name);
            Assert.StartsWith($"Hi {person.Row.FirstName},", opener, StringComparison.Ordinal);
            if (person.Memory is { } memory)
            {
                Assert.Contains(memory, opener, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("  ", opener, StringComparison.Ordinal);
            Assert.DoesNotContain(" she ", opener, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" he ", opener, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" her ", opener, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" his ", opener, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("None", opener, StringComparison.Ordinal);
            Assert.DoesNotContain(person.Answers!.Notes ?? "\u0001", opener, StringComparison.Ordinal);
            Assert.DoesNotContain(person.Answers.HowWeKnow ?? "\u0001", opener, StringComparison.Ordinal);
            Assert.Matches(@"[.?!]$", opener);
        }
    }
}
