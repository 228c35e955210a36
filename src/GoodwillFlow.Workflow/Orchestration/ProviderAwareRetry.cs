using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>
/// The retry policy of activities that send email: the configured exponential backoff, but never sooner than the
/// provider asked (SendGrid's <c>X-RateLimit-Reset</c> or <c>Retry-After</c>, carried by
/// <see cref="EmailSendDeferredException"/>). A plain <see cref="RetryPolicy"/> cannot see the failure, so a throttled
/// send was retried on the backoff's clock and throttled again until its attempts ran out.
/// </summary>
internal static partial class ProviderAwareRetry
{
    /// <summary>Task options that retry up to <see cref="RetrySettings.MaxAttempts"/> times, waiting as described above.</summary>
    public static TaskOptions Options(RetrySettings retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var maxAttempts = Math.Max(retry.MaxAttempts, 1);
        return TaskOptions.FromRetryHandler(async context =>
        {
            if (context.LastAttemptNumber >= maxAttempts)
            {
                return false;
            }

            var wait = Delay(retry, context.LastAttemptNumber, context.LastFailure);
            await context.OrchestrationContext.CreateTimer(wait, context.CancellationToken);
            return true;
        });
    }

    /// <summary>The wait after attempt <paramref name="attempt"/> failed with <paramref name="failure"/>.</summary>
    public static TimeSpan Delay(RetrySettings retry, int attempt, TaskFailureDetails? failure)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var first = retry.FirstRetryInterval > TimeSpan.Zero ? retry.FirstRetryInterval : TimeSpan.FromSeconds(1);
        var backoff = first * Math.Pow(Math.Max(retry.BackoffCoefficient, 1.0), Math.Max(attempt - 1, 0));
        if (retry.MaxRetryInterval > TimeSpan.Zero && backoff > retry.MaxRetryInterval)
        {
            backoff = retry.MaxRetryInterval;
        }

        return RetryAfter(failure) is { } asked && asked > backoff ? asked : backoff;
    }

    /// <summary>The wait the provider asked for, read from an <see cref="EmailSendDeferredException"/>'s message (or its cause's).</summary>
    public static TimeSpan? RetryAfter(TaskFailureDetails? failure)
    {
        for (var current = failure; current is not null; current = current.InnerFailure)
        {
            if (current.ErrorMessage is { } message
                && AskedToWait().Match(message) is { Success: true } match
                && TimeSpan.TryParse(match.Groups["wait"].Value, CultureInfo.InvariantCulture, out var wait))
            {
                return wait;
            }
        }

        return null;
    }

    // The wording of EmailSendDeferredException(status, retryAfter); ProviderAwareRetryTests pins the two together.
    [GeneratedRegex(@"it asked to wait (?<wait>[0-9.:]+?)\. The send will be retried", RegexOptions.CultureInvariant)]
    private static partial Regex AskedToWait();
}
