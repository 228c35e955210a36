using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Functions.Hosting;

/// <summary>
/// Answers an HTTP function whose secret settings are missing or unresolved with a 503 page that names them, and logs
/// them, instead of a bare 500 from a failed constructor. Values are never shown, only setting names.
/// </summary>
/// <param name="configuration">The app settings.</param>
/// <param name="logger">The log.</param>
public sealed partial class RequiredSettingsMiddleware(IConfiguration configuration, ILogger<RequiredSettingsMiddleware> logger) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var missing = RequiredSettings.Missing(configuration, context.FunctionDefinition.Name);
        if (missing.Count == 0)
        {
            return next(context);
        }

        var names = string.Join(", ", missing);
        LogMissingSettings(logger, context.FunctionDefinition.Name, names);
        var page = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>GoodwillFlow is not configured</title></head>
            <body><h1>GoodwillFlow is not ready</h1>
            <p>This page needs the app setting(s) {WebUtility.HtmlEncode(names)}, which are missing or whose Key Vault
            reference is not resolved. The app's owner can restart the function app after checking its access to Key Vault.</p>
            </body></html>
            """;
        context.GetInvocationResult().Value = Results.Content(page, "text/html; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error,
        Message = "{Function} answered 503: the app setting(s) {Settings} are missing or their Key Vault reference is unresolved. Check the identity's access to Key Vault, then restart the app.")]
    private static partial void LogMissingSettings(ILogger logger, string function, string settings);
}
