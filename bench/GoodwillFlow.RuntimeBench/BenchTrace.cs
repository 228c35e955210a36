using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.RuntimeBench;

/// <summary>
/// A timeline of one run for <c>--trace FILE</c>: every storage request (method and path), the engine's and the worker's
/// log lines, and each prompt as it reaches the outbox, in the order they happened. It is how a gap between two prompts
/// is taken apart (which episode, which commit, which request it waited for).
/// </summary>
public sealed class BenchTrace
{
    private readonly ConcurrentQueue<(long At, string What)> _events = new();

    public BenchTrace(bool enabled) => Enabled = enabled;

    public bool Enabled { get; }

    public void Add(string what)
    {
        if (Enabled)
        {
            _events.Enqueue((Stopwatch.GetTimestamp(), what));
        }
    }

    /// <summary>Writes the lines from <paramref name="from"/> on, as milliseconds since it, with the gap since the line before.</summary>
    public void Write(string path, long from)
    {
        using var writer = new StreamWriter(path);
        var previous = from;
        foreach (var (at, what) in _events.Where(e => e.At >= from).OrderBy(e => e.At))
        {
            writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{Stopwatch.GetElapsedTime(from, at).TotalMilliseconds,10:0.0} {Stopwatch.GetElapsedTime(previous, at).TotalMilliseconds,7:+0.0} {what}"));
            previous = at;
        }
    }

    /// <summary>Log lines of every category at Debug and above, into the trace.</summary>
    public ILoggerProvider LoggerProvider() => new Provider(this);

    private sealed class Provider(BenchTrace trace) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(trace, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(BenchTrace trace, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => trace.Enabled && logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var message = formatter(state, exception);
                trace.Add($"LOG {category}: {(message.Length > 300 ? message[..300] + "…" : message)}");
            }
        }
    }
}
