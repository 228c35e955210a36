using BenchmarkDotNet.Attributes;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Import;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Benchmarks;

/// <summary>
/// Compiling the shortlist in memory when every one of 30,000 connections has replied (the worst case), against the
/// least any compile does: look up every connection's reply and rank the top 50 by one number.
/// </summary>
[MemoryDiagnoser]
public class ShortlistBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The owner's targets both shortlist benchmarks use.</summary>
    internal static readonly OwnerTargets Targets = new(
        ["Contoso", "Fabrikam", "Société Générale", "Wingtip Toys"], ["Engineering Manager", "Staff Engineer", "CTO"]);

    private static readonly string[] Projects =
        ["", "", "the billing system", "our move to the cloud", "the 2019 reorg, which was hard on everyone", "the hackathon"];

    private IReadOnlyList<Connection> connections = [];
    private Dictionary<string, ReplyAnswers> replies = [];

    [Params(ConnectionsExportGenerator.LinkedInConnectionCap)]
    public int Connections { get; set; }

    [GlobalSetup]
    public void Setup() => (connections, replies) = Inputs(Connections);

    /// <summary>The generated export's connections, every one replied to with seeded random answers.</summary>
    internal static (IReadOnlyList<Connection> Connections, Dictionary<string, ReplyAnswers> Replies) Inputs(int count)
    {
        IReadOnlyList<Connection> connections;
        var path = Path.Combine(Path.GetTempPath(), $"goodwill-bench-shortlist-{Environment.ProcessId}.csv");
        ConnectionsExportGenerator.Write(path, count);
        try
        {
            using var stream = File.OpenRead(path);
            connections = LinkedInConnectionsImporter.Import(stream).Connections;
        }
        finally
        {
            File.Delete(path);
        }

        var random = new Random(20261201);
        var replies = connections.ToDictionary(c => c.Id, _ => new ReplyAnswers
        {
            Skip = random.Next(20) == 0,
            Relationship = (RelationshipKind)random.Next(8),
            HowWeKnow = random.Next(3) == 0 ? "We sat next to each other for two years and  shared   a lot of coffee" : null,
            SharedProject = Projects[random.Next(Projects.Length)],
            Strength = random.Next(1, 6),
            TheirPerception = random.Next(1, 6),
            YourPerception = random.Next(1, 6),
            CouldHelp = (HelpKind)random.Next(8),
            CanOffer = random.Next(4) == 0 ? "An introduction to my old team" : null,
            Notes = random.Next(5) == 0 ? "Ask about the conference talk." : null,
        });
        return (connections, replies);
    }

    [Benchmark(Baseline = true, Description = "Look up every reply and rank the top 50")]
    public int LookUpAndRank() =>
        connections
            .Select(c => replies.TryGetValue(c.Id, out var answers) ? (c, Rank: answers.Strength ?? 0) : (c, Rank: -1))
            .Where(s => s.Rank >= 0)
            .OrderByDescending(s => s.Rank)
            .ThenBy(s => s.c.Id, StringComparer.Ordinal)
            .Take(50)
            .ToList() // Count() alone would skip the sort.
            .Count;

    [Benchmark(Description = "ShortlistCompiler.Compile")]
    public int Compile() =>
        ShortlistCompiler.Compile("0123456789abcdef", connections, replies, Targets, Now).Entries.Count;
}
