using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Cli.Commands;

/// <summary>Writes a shortlist as a console table: rank, name, where they work, score, the first reason and the opener.</summary>
internal static class ShortlistTable
{
    /// <summary>Writes <paramref name="shortlist"/> to <paramref name="output"/>.</summary>
    public static void Write(Shortlist shortlist, TextWriter output)
    {
        if (shortlist.Entries.Count == 0)
        {
            output.WriteLine($"No one on the shortlist yet ({shortlist.RepliesConsidered} replies so far). Answer a few prompts first.");
            return;
        }

        output.WriteLine($"Outreach shortlist: {shortlist.Entries.Count} people from {shortlist.RepliesConsidered} replies ({shortlist.LeftOut} left out).");
        foreach (var entry in shortlist.Entries)
        {
            var where = string.Join(" at ", new[] { entry.Connection.Position, entry.Connection.Company }.Where(p => !string.IsNullOrWhiteSpace(p)));
            output.WriteLine($"{entry.Rank,3}. {entry.Connection.DisplayName}{(where.Length > 0 ? $" — {where}" : "")}  (score {entry.Score})");
            foreach (var reason in entry.Reasons.Take(3))
            {
                output.WriteLine($"     · {reason}");
            }

            output.WriteLine($"     ↳ {entry.Opener}");
        }
    }
}
