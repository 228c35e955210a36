using BenchmarkDotNet.Attributes;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Benchmarks;

/// <summary>
/// The points of every replied connection (the largest part of the in-memory shortlist compile) with one
/// <see cref="TargetMatcher"/>, which matches each distinct company and title once, against a new matcher for every
/// connection (baseline: nothing matched is remembered, and the targets are prepared again each time). Same inputs as
/// <see cref="ShortlistBenchmarks"/>; the scores are equal.
/// </summary>
/// <remarks>
/// The generated export has 20 companies and 16 titles, so nearly every lookup hits: a real export repeats less, and
/// gains less.
/// </remarks>
[MemoryDiagnoser]
public class ShortlistScoringBenchmarks
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private (Connection Connection, ReplyAnswers Answers)[] scored = [];

    [GlobalSetup]
    public void Setup()
    {
        var (connections, replies) = ShortlistBenchmarks.Inputs(ConnectionsExportGenerator.LinkedInConnectionCap);
        scored = [.. connections.Select(c => (c, replies[c.Id]))];
    }

    [Benchmark(Baseline = true, Description = "Points, a new matcher for every connection")]
    public int MatchEach()
    {
        var sum = 0;
        foreach (var (connection, answers) in scored)
        {
            sum += GoodwillScorer.Points(connection, answers, new TargetMatcher(ShortlistBenchmarks.Targets), Today);
        }

        return sum;
    }

    [Benchmark(Description = "Points, one matcher: each distinct company and title matched once")]
    public int MatchDistinct()
    {
        var matcher = new TargetMatcher(ShortlistBenchmarks.Targets);
        var sum = 0;
        foreach (var (connection, answers) in scored)
        {
            sum += GoodwillScorer.Points(connection, answers, matcher, Today);
        }

        return sum;
    }
}
