using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace GoodwillFlow.Functions.Host.Protocol;

/// <summary>
/// The host's end of <c>FunctionRpc.EventStream</c> for one worker: the handshake (<c>StartStream</c> from the worker,
/// then <c>WorkerInitRequest</c>, <c>FunctionsMetadataRequest</c>, one <c>FunctionLoadRequest</c> per function) and
/// then <c>InvocationRequest</c>s, each answered by an <c>InvocationResponse</c> with the same invocation id.
/// </summary>
/// <remarks>
/// One stream, one writer: messages to the worker go through a channel drained by a single loop, because a gRPC
/// response stream must not be written concurrently. The worker's <c>RpcLog</c> messages are kept (bounded) so a
/// failing test can show what the worker said.
/// </remarks>
internal sealed class WorkerChannel : FunctionRpc.FunctionRpcBase
{
    private const int MaxKeptLogs = 2000;

    private readonly Channel<StreamingMessage> _toWorker = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _logs = new();

    /// <summary>Completes with the worker id when the worker has opened the stream and sent <c>StartStream</c>.</summary>
    public Task<string> Started => _started.Task;

    /// <summary>Gets what the worker logged over the stream (category, level and message), oldest first.</summary>
    public IReadOnlyCollection<string> Logs => _logs;

    public override async Task EventStream(
        IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        var writer = WriteLoopAsync(responseStream, context.CancellationToken);
        try
        {
            await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
            {
                Receive(message);
            }
        }
        catch (OperationCanceledException)
        {
            // The worker went away or the host is stopping.
        }
        catch (IOException)
        {
            // The worker process was killed mid-message.
        }
        finally
        {
            _toWorker.Writer.TryComplete();
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("The worker closed its event stream."));
            }

            _started.TrySetException(new InvalidOperationException("The worker closed its event stream before StartStream."));
            await writer;
        }
    }

    /// <summary>Sends a request and waits for the worker's answer to it (matched by request id or invocation id).</summary>
    public async Task<StreamingMessage> RequestAsync(string correlationId, StreamingMessage message, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(correlationId, answer))
        {
            throw new InvalidOperationException($"A request with id {correlationId} is already waiting.");
        }

        try
        {
            if (!_toWorker.Writer.TryWrite(message))
            {
                throw new InvalidOperationException("The worker's event stream is closed.");
            }

            return await answer.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(correlationId, out _);
        }
    }

    /// <summary>Sends a message that has no answer (for example <c>InvocationCancel</c>).</summary>
    public void Send(StreamingMessage message) => _toWorker.Writer.TryWrite(message);

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                _started.TrySetResult(message.StartStream.WorkerId);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                Keep($"{message.RpcLog.Level} {message.RpcLog.Category}: {message.RpcLog.Message}{(message.RpcLog.Exception is { } e ? " " + e.Message + " " + e.StackTrace : "")}");
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Answer(message.InvocationResponse.InvocationId, message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                Answer(message.FunctionLoadResponse.FunctionId, message);
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
            case StreamingMessage.ContentOneofCase.WorkerStatusResponse:
                Answer(message.RequestId, message);
                break;
            default:
                Keep($"host: ignored {message.ContentCase} from the worker");
                break;
        }
    }

    private void Answer(string correlationId, StreamingMessage message)
    {
        if (_pending.TryGetValue(correlationId, out var answer))
        {
            answer.TrySetResult(message);
        }
        else
        {
            Keep($"host: {message.ContentCase} for {correlationId}, which nobody waits for");
        }
    }

    private void Keep(string line)
    {
        _logs.Enqueue(line);
        while (_logs.Count > MaxKeptLogs && _logs.TryDequeue(out _))
        {
        }
    }

    private async Task WriteLoopAsync(IServerStreamWriter<StreamingMessage> responseStream, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _toWorker.Reader.ReadAllAsync(cancellationToken))
            {
                await responseStream.WriteAsync(message, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException)
        {
            // The stream ended; RequestAsync callers are failed by EventStream.
        }
    }
}
