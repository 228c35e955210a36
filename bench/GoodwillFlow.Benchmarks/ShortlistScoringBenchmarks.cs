using BenchmarkDotNet.Attributes;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Import;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Benchmarks;

/// <summary>
/// The points of every replied connection (the largest part of the in-memory shortlist compile), matching each
/// connection's company and title against the targets (baseline: how the compile scored before) against matching each
/// distinct company and title once, as it does now. Same inputs as <see cref="ShortlistBenchmarks"/>; the scores are equal.
/// </summary>
/// <remarks>
/// The generated export has 20 companies and 16 titles, so nearly every lookup hits: a real export repeats less, and
/// gains less.
/// </remarks>
[MemoryDiagnoser]
public class ShortlistScoringBenchmarks
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static readonly OwnerTargets Targets = new(
        ["Contoso", "Fabrikam", "Société Générale", "Wingtip Toys"], ["Engineering Manager", "Staff Engineer", "CTO"]);

    private (Connection Connection, ReplyAnswers Answers)[] scored = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(Path.GetTempPath(), $"goodwill-bench-scoring-{Environment.ProcessId}.csv");
        ConnectionsExportGenerator.Write(path, ConnectionsExportGenerator.LinkedInConnectionCap);
        try
        {
            using var stream = File.OpenRead(path);
            var random = new Random(20261201);
            scored = [.. LinkedInConnectionsImporter.Import(stream).Connections.Select(c => (c, new ReplyAnswers
            {
                Relationship = (RelationshipKind)random.Next(8),
                SharedProject = random.Next(2) == 0 ? "the billing system" : null,
                Strength = random.Next(1, 6),
                TheirPerception = random.Next(1, 6),
                YourPerception = random.Next(1, 6),
                CouldHelp = (HelpKind)random.Next(8),
            }))];
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Benchmark(Baseline = true, Description = "Points, matching every connection's company and title")]
    public int MatchEach()
    {
        var matcher = new TargetMatcher(Targets);
        var sum = 0;
        foreach (var (connection, answers) in scored)
        {
            sum += GoodwillScorer.Points(connection, answers, matcher, Today);
        }

        return sum;
    }

    [Benchmark(Description = "Points, each distinct company and title matched once")]
    public int MatchDistinct()
    {
        var matcher = new TargetMatcher(Targets);
        var companies = new Dictionary<string, bool>(StringComparer.Ordinal);
        var roles = new Dictionary<string, bool>(StringComparer.Ordinal);
        Func<string?, bool> matchCompany = matcher.MatchesCompany;
        Func<string?, bool> matchRole = matcher.MatchesRole;
        var sum = 0;
        foreach (var (connection, answers) in scored)
        {
            sum += GoodwillScorer.Points(
                connection,
                answers,
                ShortlistCompiler.Matches(companies, connection.Company, matchCompany),
                ShortlistCompiler.Matches(roles, connection.Position, matchRole),
                Today);
        }

        return sum;
    }
}
