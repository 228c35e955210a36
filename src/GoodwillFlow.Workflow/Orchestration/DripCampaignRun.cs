using GoodwillFlow.Workflow.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>One generation (execution) of <see cref="DripCampaignOrchestrator"/>. Uses only the context's clock and activities.</summary>
internal sealed class DripCampaignRun
{
    /// <summary>Used only for the first activity of a generation; the configured policies arrive with its result.</summary>
    private static readonly RetrySettings DefaultStoreRetry = new(3, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(1));

    /// <summary>How soon a generation that caught up with rows still being stored looks again.</summary>
    private static readonly TimeSpan ImportPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many prompts before the end of a page the next page starts loading when the rest of the page is already due.
    /// The load (about 27 storage reads) then runs beside those sends instead of on the path from the page's last prompt
    /// to the next page's first, where the continue-as-new waited for it.
    /// </summary>
    private const int LoadAheadPrompts = 3;

    private readonly TaskOrchestrationContext _context;
    private readonly DripCampaignInput _input;
    private readonly ILogger _logger;
    private readonly CampaignEventListener _events;
    private readonly HashSet<string> _repliesSeen = new(StringComparer.Ordinal);
    private TaskOptions _storeOptions = Options(DefaultStoreRetry);
    private TaskOptions _sendOptions = Options(DefaultStoreRetry);
    private int _sendAttempts = DefaultStoreRetry.MaxAttempts;
    private int _sent;
    private int _replied;
    private int _total;
    private bool _connectionsAdded;
    private CampaignState _state = CampaignState.Running;
    private string? _reason;
    private DateTimeOffset? _nextSendAt;
    private TimeSpan _replanDebounce;
    private bool _gatheringReplans;
    private Task<CampaignGeneration?>? _loadingAhead;

    public DripCampaignRun(TaskOrchestrationContext context, DripCampaignInput input)
    {
        _context = context;
        _input = input;
        _logger = context.CreateReplaySafeLogger<DripCampaignOrchestrator>();
        _events = new CampaignEventListener(context);
    }

    private string CampaignId => _input.CampaignId;

    private DateTimeOffset Now => new(DateTime.SpecifyKind(_context.CurrentUtcDateTime, DateTimeKind.Utc));

    public async Task<DripCampaignResult> RunAsync()
    {
        var generation = _input.Next ?? await _context.CallActivityAsync<CampaignGeneration>(
            CampaignActivityNames.LoadGeneration, new LoadGenerationInput(CampaignId, _input.Cursor), _storeOptions);
        if (!generation.Exists)
        {
            DripCampaignLog.CampaignMissing(_logger, CampaignId);
            return new DripCampaignResult(CampaignId, "Deleted", 0, 0);
        }

        _storeOptions = Options(generation.StoreRetry);
        _sendOptions = ProviderAwareRetry.Options(generation.SendRetry);
        _sendAttempts = generation.SendRetry.MaxAttempts;
        _replanDebounce = generation.ReplanDebounce ?? TimeSpan.Zero;
        (_total, _sent, _replied) = (generation.Total, generation.Sent, generation.Replied);
        _state = generation.State;
        _reason = generation.StateReason;
        DripCampaignLog.GenerationStarted(_logger, CampaignId, _input.Generation, _input.Cursor, generation.Page.Count);

        if (generation.State is CampaignState.Completed or CampaignState.Stopped)
        {
            SetStatus(generation.State, generation.StateReason, null);
            return new DripCampaignResult(CampaignId, generation.State.ToString(), _sent, 0);
        }

        var cursor = _input.Cursor;
        if (_input.Paused || generation.State == CampaignState.Paused)
        {
            return await PauseAsync(cursor, generation.StateReason ?? "Paused by the owner.", recordState: false);
        }

        if (generation.State != CampaignState.Running)
        {
            await SetStateAsync(CampaignState.Running, null);
        }

        // A backlog means the app was down: re-plan once from now rather than send it in a burst. Checked once per
        // generation, against a tolerance, so a cadence faster than sending itself never re-plans over and over.
        var backlog = generation.Page.Where(p => !p.Sent && p.PlannedAt <= Now - generation.CatchUpAfter).ToList();
        if (backlog.Count > 1)
        {
            DripCampaignLog.CatchingUp(_logger, CampaignId, backlog.Count);
            return await ReplanAndContinueAsync(backlog[0].Sequence);
        }

        for (var index = 0; index < generation.Page.Count; index++)
        {
            var prompt = generation.Page[index];
            if (prompt.Sent)
            {
                cursor = prompt.Sequence + 1;
                continue;
            }

            SetStatus(CampaignState.Running, null, prompt.PlannedAt);
            var wake = await WaitAsync(prompt.PlannedAt, inGracePeriod: false);
            switch (wake.Kind)
            {
                case WakeKind.Stop:
                    return await FinishAsync(CampaignState.Stopped, "Stopped by the owner.");
                case WakeKind.Pause:
                    return await PauseAsync(prompt.Sequence, wake.Reason ?? "Paused by the owner.", recordState: true);
                case WakeKind.Replan:
                    return await ReplanSoonAsync(prompt.Sequence);
            }

            // --- Digest delivery: the unsent prompts of this page planned on the same local day go out together. ---
            var day = generation.DigestTimeZone is { } zone ? SameLocalDay(generation.Page, index, zone) : [prompt];
            var last = day[^1];

            // Load the next page while this page's last prompts go out, so the next generation starts sending at once: with
            // the last prompt, or a few prompts before it when the rest of the page is due anyway (sending back to back). A
            // page planned further ahead is loaded only with its last prompt, so it is never older than that prompt.
            if (_loadingAhead is null && !generation.IsLastPage
                && (last == generation.Page[^1] || (index >= generation.Page.Count - 1 - LoadAheadPrompts && generation.Page[^1].PlannedAt <= Now)))
            {
                LoadAhead(generation.Page[^1].Sequence + 1);
            }

            var result = generation.DigestTimeZone is null ? await SendAsync(prompt) : await SendDigestAsync(day);
            switch (result.Outcome)
            {
                case SendPromptOutcome.Sent:
                    _sent += result.Sent;
                    break;
                case SendPromptOutcome.PermanentFailure:
                    DripCampaignLog.PausedByFailure(_logger, CampaignId, prompt.Sequence);
                    return await PauseAsync(prompt.Sequence, result.FailureReason ?? "The email provider refused the prompt.", recordState: true);
            }

            index += day.Count - 1;
            cursor = last.Sequence + 1;
        }

        // A control event that arrived while the page's last prompt went out would be lost with this generation.
        var arrived = await WaitAsync(Now, inGracePeriod: false);
        switch (arrived.Kind)
        {
            case WakeKind.Stop:
                return await FinishAsync(CampaignState.Stopped, "Stopped by the owner.");
            case WakeKind.Pause:
                return await PauseAsync(cursor, arrived.Reason ?? "Paused by the owner.", recordState: true);
            case WakeKind.Replan:
                return await ReplanSoonAsync(cursor);
        }

        if (generation.Importing && generation.Page.Count == 0)
        {
            // Caught up with an upload whose rows are still being stored: look again shortly.
            SetStatus(CampaignState.Running, null, null);
            var wake = await WaitAsync(Now + ImportPollInterval, inGracePeriod: false);
            switch (wake.Kind)
            {
                case WakeKind.Stop:
                    return await FinishAsync(CampaignState.Stopped, "Stopped by the owner.");
                case WakeKind.Pause:
                    return await PauseAsync(cursor, wake.Reason ?? "Paused by the owner.", recordState: true);
                case WakeKind.Replan:
                    return await ReplanSoonAsync(cursor);
            }
        }

        if (!generation.IsLastPage || _connectionsAdded)
        {
            // Loaded before this page's last send went out: the counts are this generation's own, which include it.
            var loaded = _loadingAhead is null ? null : await _loadingAhead;
            var next = _connectionsAdded ? null : loaded;
            return ContinueAsNew(cursor, next is null ? null : next with { Sent = Math.Max(next.Sent, _sent), Replied = Math.Max(next.Replied, _replied) });
        }

        return await GracePeriodAsync(cursor, generation.GracePeriod);
    }

    private async Task<DripCampaignResult> GracePeriodAsync(int cursor, TimeSpan gracePeriod)
    {
        await SetStateAsync(CampaignState.AwaitingReplies, null);
        SetStatus(CampaignState.AwaitingReplies, null, null);
        DripCampaignLog.AwaitingReplies(_logger, CampaignId, gracePeriod);
        var wake = await WaitAsync(Now + gracePeriod, inGracePeriod: true);
        if (wake.Kind == WakeKind.ConnectionsAdded)
        {
            await SetStateAsync(CampaignState.Running, null);
            return ContinueAsNew(cursor);
        }

        // Stop during the grace period only ends the wait: every prompt went out, so the campaign is complete.
        return await FinishAsync(CampaignState.Completed, null);
    }

    private async Task<DripCampaignResult> PauseAsync(int cursor, string reason, bool recordState)
    {
        if (recordState)
        {
            await SetStateAsync(CampaignState.Paused, reason);
        }

        SetStatus(CampaignState.Paused, reason, null);
        DripCampaignLog.Paused(_logger, CampaignId, cursor);
        while (true)
        {
            var winner = await Task.WhenAny(_events.Stop, _events.Resume, _events.Reply, _events.Added, _events.Pause, _events.Replan);
            if (winner == _events.Stop)
            {
                _events.TakeStop();
                return await FinishAsync(CampaignState.Stopped, "Stopped by the owner.");
            }

            if (winner == _events.Resume)
            {
                _events.TakeResume();
                DripCampaignLog.Resumed(_logger, CampaignId, cursor);
                await SetStateAsync(CampaignState.Running, null);
                return await ReplanAndContinueAsync(cursor);
            }

            if (winner == _events.Pause)
            {
                reason = _events.TakePause() ?? reason;
            }
            else if (winner == _events.Replan)
            {
                // Resume re-plans from the stored cadence anyway: a cadence changed while paused is kept for then.
                _events.TakeReplan();
            }
            else
            {
                HandleProgressEvent(winner);
            }

            SetStatus(CampaignState.Paused, reason, null);
        }
    }

    /// <summary>
    /// The schedule changed under the drip (prompts answered ahead, a new cadence): gathers further requests for a
    /// moment, so a burst of answers re-plans once, then re-plans from <paramref name="cursor"/>. A stop or pause that
    /// arrives meanwhile wins.
    /// </summary>
    private async Task<DripCampaignResult> ReplanSoonAsync(int cursor)
    {
        DripCampaignLog.Replanning(_logger, CampaignId, cursor, _replanDebounce);
        _gatheringReplans = true;
        var wake = await WaitAsync(Now + _replanDebounce, inGracePeriod: false);
        _gatheringReplans = false;
        switch (wake.Kind)
        {
            case WakeKind.Stop:
                return await FinishAsync(CampaignState.Stopped, "Stopped by the owner.");
            case WakeKind.Pause:
                return await PauseAsync(cursor, wake.Reason ?? "Paused by the owner.", recordState: true);
        }

        return await ReplanAndContinueAsync(cursor);
    }

    private async Task<DripCampaignResult> ReplanAndContinueAsync(int cursor)
    {
        // A page still loading would complete into the next generation's history, which never scheduled it.
        if (_loadingAhead is { } loading)
        {
            await loading;
        }

        await _context.CallActivityAsync<ReplanResult>(
            CampaignActivityNames.ReplanSchedule, new ReplanInput(CampaignId, cursor, Now), _storeOptions);
        return ContinueAsNew(cursor);
    }

    private DripCampaignResult ContinueAsNew(int cursor, CampaignGeneration? next = null)
    {
        DripCampaignLog.ContinuingAsNew(_logger, CampaignId, _input.Generation + 1, cursor);
        _context.ContinueAsNew(
            _input with { Cursor = cursor, Generation = _input.Generation + 1, Paused = false, Next = next }, preserveUnprocessedEvents: true);
        return new DripCampaignResult(CampaignId, CampaignState.Running.ToString(), _sent, 0);
    }

    /// <summary>
    /// Starts loading the page from <paramref name="cursor"/> for the next generation into <see cref="_loadingAhead"/>; it
    /// ends with null when the load failed (that generation then loads the page itself).
    /// </summary>
    private void LoadAhead(int cursor)
    {
        _loadingAhead = LoadAsync();

        async Task<CampaignGeneration?> LoadAsync()
        {
            try
            {
                return await _context.CallActivityAsync<CampaignGeneration>(
                    CampaignActivityNames.LoadGeneration, new LoadGenerationInput(CampaignId, cursor), _storeOptions);
            }
            catch (TaskFailedException ex)
            {
                DripCampaignLog.LoadAheadFailed(_logger, CampaignId, cursor, ex.FailureDetails.ErrorType);
                return null;
            }
        }
    }

    private async Task<DripCampaignResult> FinishAsync(CampaignState finalState, string? reason)
    {
        var shortlist = await _context.CallActivityAsync<CompileShortlistResult>(
            CampaignActivityNames.CompileShortlist, new CompileShortlistInput(CampaignId), _sendOptions);
        reason ??= shortlist.EmailFailureReason;
        await SetStateAsync(finalState, reason);
        SetStatus(finalState, reason, null);
        DripCampaignLog.Finished(_logger, CampaignId, finalState, _sent, shortlist.Entries);
        return new DripCampaignResult(CampaignId, finalState.ToString(), _sent, shortlist.Entries);
    }

    private async Task<SendDigestResult> SendAsync(ScheduledPrompt prompt)
    {
        try
        {
            var result = await _context.CallActivityAsync<SendPromptResult>(
                CampaignActivityNames.SendPrompt,
                new SendPromptInput(CampaignId, prompt.ConnectionId, prompt.Sequence, _total),
                _sendOptions);
            return new SendDigestResult(result.Outcome == SendPromptOutcome.Sent ? 1 : 0, result.Outcome, result.SentAt, result.FailureReason);
        }
        catch (TaskFailedException ex)
        {
            // Retries are spent: pause rather than fail, so the owner can fix the cause and resume where it stopped.
            DripCampaignLog.SendFailed(_logger, CampaignId, prompt.Sequence, _sendAttempts, ex.FailureDetails.ErrorType);
            return new SendDigestResult(
                0,
                SendPromptOutcome.PermanentFailure,
                FailureReason: $"The prompt email could not be sent after {_sendAttempts} attempts. Resume the campaign to try again.");
        }
    }

    // --- Digest delivery -------------------------------------------------------------------------------------------

    /// <summary>
    /// The unsent prompts from <paramref name="start"/> on that are planned on its day in the owner's time zone. A day
    /// that runs past the page's end becomes two digests (rare: a page holds many days' prompts).
    /// </summary>
    private static List<ScheduledPrompt> SameLocalDay(IReadOnlyList<ScheduledPrompt> page, int start, string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        DateOnly DayOf(ScheduledPrompt p) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(p.PlannedAt, zone).DateTime);
        var day = DayOf(page[start]);
        return page.Skip(start).TakeWhile(p => DayOf(p) == day).Where(p => !p.Sent).ToList();
    }

    private async Task<SendDigestResult> SendDigestAsync(IReadOnlyList<ScheduledPrompt> day)
    {
        try
        {
            return await _context.CallActivityAsync<SendDigestResult>(
                CampaignActivityNames.SendDigest,
                new SendDigestInput(CampaignId, [.. day.Select(p => new DigestPrompt(p.ConnectionId, p.Sequence))], _total),
                _sendOptions);
        }
        catch (TaskFailedException ex)
        {
            // Retries are spent: pause rather than fail, so the owner can fix the cause and resume where it stopped.
            DripCampaignLog.SendFailed(_logger, CampaignId, day[0].Sequence, _sendAttempts, ex.FailureDetails.ErrorType);
            return new SendDigestResult(
                0,
                SendPromptOutcome.PermanentFailure,
                FailureReason: $"The digest email could not be sent after {_sendAttempts} attempts. Resume the campaign to try again.");
        }
    }

    // --- End of digest delivery ------------------------------------------------------------------------------------

    /// <summary>
    /// Sleeps until <paramref name="fireAt"/>, waking early for control events; progress events only update the status.
    /// A time already past needs no timer (it would cost a whole episode per prompt): only events that already arrived
    /// are handled.
    /// </summary>
    private async Task<Wake> WaitAsync(DateTimeOffset fireAt, bool inGracePeriod)
    {
        if (fireAt <= Now)
        {
            while (ArrivedEvent() is { } arrived)
            {
                if (Handle(arrived, inGracePeriod) is { } wake)
                {
                    return wake;
                }
            }

            return new Wake(WakeKind.Due, null);
        }

        using var timerCancellation = new CancellationTokenSource();
        var timer = _context.CreateTimer(fireAt.UtcDateTime, timerCancellation.Token);
        while (true)
        {
            var winner = await Task.WhenAny(_events.Stop, _events.Pause, _events.Added, _events.Reply, _events.Resume, _events.Replan, timer);
            if (winner == timer)
            {
                return new Wake(WakeKind.Due, null);
            }

            if (Handle(winner, inGracePeriod) is { } wake)
            {
                // A pending timer would keep firing into history; cancel it before leaving the wait. Cancel, not CancelAsync:
                // the callbacks must run on the orchestration's own thread.
                timerCancellation.Cancel();
                return wake;
            }

            SetStatus(_state, _reason, _nextSendAt);
        }
    }

    /// <summary>The first event already received, in the order a wait would take them; null when none is.</summary>
    private Task? ArrivedEvent() =>
        new Task[] { _events.Stop, _events.Pause, _events.Added, _events.Reply, _events.Resume, _events.Replan }.FirstOrDefault(t => t.IsCompleted);

    /// <summary>Takes one received event; returns the wake it causes, or null when the wait goes on.</summary>
    private Wake? Handle(Task winner, bool inGracePeriod)
    {
        if (winner == _events.Stop)
        {
            _events.TakeStop();
            return new Wake(WakeKind.Stop, null);
        }

        if (winner == _events.Pause)
        {
            var reason = _events.TakePause();

            // Nothing is left to send during the grace period, so a pause there changes nothing.
            return inGracePeriod ? null : new Wake(WakeKind.Pause, reason);
        }

        if (winner == _events.Resume)
        {
            _events.TakeResume();
            return null;
        }

        if (winner == _events.Replan)
        {
            _events.TakeReplan();

            // Gathered into the re-plan already under way; nothing is left to re-plan during the grace period.
            return _gatheringReplans || inGracePeriod ? null : new Wake(WakeKind.Replan, null);
        }

        var connectionsAdded = winner == _events.Added && _events.Added.Result > 0;
        HandleProgressEvent(winner);
        return connectionsAdded && inGracePeriod ? new Wake(WakeKind.ConnectionsAdded, null) : null;
    }

    private void HandleProgressEvent(Task winner)
    {
        if (winner == _events.Reply)
        {
            var connectionId = _events.TakeReply();

            // A reply updated twice counts once; counts are re-read from storage at every generation start.
            if (connectionId is null || _repliesSeen.Add(connectionId))
            {
                _replied = Math.Min(_replied + 1, Math.Max(_total, _sent));
            }
        }
        else if (winner == _events.Added)
        {
            // An upload that matched only known people still raises the event, with 0: nothing changes then.
            var added = _events.TakeAdded();
            if (added > 0)
            {
                _total += added;
                _connectionsAdded = true;
                DripCampaignLog.ConnectionsAdded(_logger, CampaignId, added);
            }
        }
    }

    private async Task SetStateAsync(CampaignState state, string? reason)
    {
        await _context.CallActivityAsync<bool>(
            CampaignActivityNames.SetCampaignState, new SetCampaignStateInput(CampaignId, state, reason), _storeOptions);
    }

    private void SetStatus(CampaignState state, string? reason, DateTimeOffset? nextSendAt)
    {
        (_state, _reason, _nextSendAt) = (state, reason, nextSendAt);
        _context.SetCustomStatus(new CampaignStatus(state.ToString(), _sent, _replied, _total, nextSendAt, reason));
    }

    private static TaskOptions Options(RetrySettings retry) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(
            Math.Max(retry.MaxAttempts, 1),
            retry.FirstRetryInterval > TimeSpan.Zero ? retry.FirstRetryInterval : TimeSpan.FromSeconds(1),
            Math.Max(retry.BackoffCoefficient, 1.0),
            retry.MaxRetryInterval > TimeSpan.Zero ? retry.MaxRetryInterval : null));

    private enum WakeKind
    {
        Due,
        Pause,
        Stop,
        ConnectionsAdded,
        Replan,
    }

    private sealed record Wake(WakeKind Kind, string? Reason);
}
