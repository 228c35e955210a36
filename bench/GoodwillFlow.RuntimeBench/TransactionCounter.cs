using Azure.Core;
using Azure.Core.Pipeline;

namespace GoodwillFlow.RuntimeBench;

/// <summary>
/// Counts every request the Azure SDK clients send (each one a billed storage transaction), by service, and the queue
/// messages put on the durable task hub's queues (each work-item message is one activity execution, each control
/// message wakes the orchestrator).
/// </summary>
public sealed class TransactionCounter(int blobPort, int queuePort, int tablePort, BenchTrace trace) : HttpPipelinePolicy
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<long> _requestTimes = new();
    private long _blob;
    private long _queue;
    private long _table;
    private long _workItemMessages;
    private long _controlMessages;

    public TransactionCounts Snapshot() => new(
        Interlocked.Read(ref _table),
        Interlocked.Read(ref _queue),
        Interlocked.Read(ref _blob),
        Interlocked.Read(ref _workItemMessages),
        Interlocked.Read(ref _controlMessages));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    /// <summary>How many requests were sent in each of the given intervals (stopwatch timestamps).</summary>
    public IReadOnlyList<int> RequestsBetween(IReadOnlyList<(long From, long To)> intervals)
    {
        var times = _requestTimes.ToArray();
        Array.Sort(times);
        return intervals.Select(i => LowerBound(times, i.To) - LowerBound(times, i.From)).ToList();

        static int LowerBound(long[] sorted, long value)
        {
            var index = Array.BinarySearch(sorted, value);
            return index < 0 ? ~index : index;
        }
    }

    private void Count(HttpMessage message)
    {
        var uri = message.Request.Uri;
        var port = uri.Port;
        _requestTimes.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp());
        if (trace.Enabled)
        {
            trace.Add($"HTTP {message.Request.Method} {uri.Path}");
        }

        if (port == tablePort)
        {
            Interlocked.Increment(ref _table);
        }
        else if (port == blobPort)
        {
            Interlocked.Increment(ref _blob);
        }
        else if (port == queuePort)
        {
            Interlocked.Increment(ref _queue);
            var path = uri.Path;
            if (message.Request.Method == RequestMethod.Post && path.EndsWith("/messages", StringComparison.Ordinal))
            {
                if (path.Contains("-workitems", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _workItemMessages);
                }
                else if (path.Contains("-control-", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _controlMessages);
                }
            }
        }
    }
}

/// <summary>Requests sent so far.</summary>
public sealed record TransactionCounts(long Table, long Queue, long Blob, long WorkItemMessages, long ControlMessages)
{
    public long Total => Table + Queue + Blob;

    public static TransactionCounts operator -(TransactionCounts a, TransactionCounts b) => new(
        a.Table - b.Table, a.Queue - b.Queue, a.Blob - b.Blob, a.WorkItemMessages - b.WorkItemMessages, a.ControlMessages - b.ControlMessages);
}
