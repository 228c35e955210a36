using GoodwillFlow.Workflow.Email;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>
/// Thrown by an activity when the email provider throttled or failed transiently, so the orchestrator's retry policy
/// tries again later. The message carries no personal data.
/// </summary>
public sealed class EmailSendDeferredException : Exception
{
    /// <summary>Creates the exception for a send result.</summary>
    public EmailSendDeferredException(EmailSendStatus status, TimeSpan? retryAfter)
        : base($"The email provider answered {status}{(retryAfter is { } wait ? $"; it asked to wait {wait}" : "")}. The send will be retried.")
    {
        Status = status;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates the exception with a message.</summary>
    public EmailSendDeferredException()
        : this(EmailSendStatus.TransientFailure, null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EmailSendDeferredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public EmailSendDeferredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the provider's answer.</summary>
    public EmailSendStatus Status { get; } = EmailSendStatus.TransientFailure;

    /// <summary>Gets how long the provider asked to wait, if it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
