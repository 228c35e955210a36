using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Cli.Commands;

/// <summary>
/// Writes a shortlist for the console: the owner's legacy of goodwill, then each tier (rank, name, where they work,
/// score, the first reasons in the owner's words, the opener and the ask), then the people the owner could help.
/// </summary>
internal static class ShortlistTable
{
    /// <summary>How many of the owner's own words each person shows; the rest are in the HTML, CSV and JSON.</summary>
    private const int ReasonsShown = 3;

    /// <summary>How many pay-it-forward people are shown.</summary>
    private const int PayItForwardShown = 8;

    /// <summary>Writes <paramref name="shortlist"/> to <paramref name="output"/>.</summary>
    public static void Write(Shortlist shortlist, TextWriter output)
    {
        output.WriteLine("Your legacy of goodwill");
        output.WriteLine($"  {shortlist.Legacy.Paragraph}");
        output.WriteLine();
        if (shortlist.Entries.Count == 0)
        {
            output.WriteLine($"No one to contact first yet ({shortlist.RepliesConsidered} replies so far). Answer a few prompts first.");
        }
        else
        {
            var weak = shortlist.WeakTies switch
            {
                0 => "",
                1 => ", 1 weak tie kept for later",
                _ => $", {shortlist.WeakTies} weak ties kept for later",
            };
            output.WriteLine($"Outreach shortlist: {shortlist.Entries.Count} people to contact first, from {shortlist.RepliesConsidered} replies ({shortlist.LeftOut} left out{weak}).");
        }

        foreach (var tier in shortlist.Entries.GroupBy(e => e.Tier))
        {
            output.WriteLine();
            output.WriteLine($"{ShortlistTiers.Title(tier.Key)} — {ShortlistTiers.Description(tier.Key)}");
            foreach (var entry in tier)
            {
                var where = string.Join(" at ", new[] { entry.Connection.Position, entry.Connection.Company }.Where(p => !string.IsNullOrWhiteSpace(p)));
                output.WriteLine($"{entry.Rank,3}. {entry.Connection.DisplayName}{(where.Length > 0 ? $" — {where}" : "")}  (score {entry.Score})");
                foreach (var reason in entry.OwnerWords.Take(ReasonsShown))
                {
                    output.WriteLine($"     · {reason}");
                }

                if (entry.Why.Count > 0)
                {
                    output.WriteLine($"     · {string.Join(" · ", entry.Why)}");
                }

                output.WriteLine($"     ↳ {entry.Opener}");
                if (entry.Ask.Length > 0)
                {
                    output.WriteLine($"       {entry.Ask}");
                }
            }
        }

        if (shortlist.PayItForward.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Pay it forward — people you could help now, whether or not they can help you");
            foreach (var entry in shortlist.PayItForward.Take(PayItForwardShown))
            {
                output.WriteLine($"     · {entry.Connection.DisplayName}: you could offer “{entry.Offer}”");
            }

            if (shortlist.PayItForward.Count > PayItForwardShown)
            {
                output.WriteLine($"     … and {shortlist.PayItForward.Count - PayItForwardShown} more in the full list.");
            }
        }
    }
}
