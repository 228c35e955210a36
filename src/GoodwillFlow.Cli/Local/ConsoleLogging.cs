using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace GoodwillFlow.Cli.Local;

/// <summary>Console logging for the local runtime commands: one short line per event, GoodwillFlow's own events only by default.</summary>
internal static class ConsoleLogging
{
    /// <summary>Configures logging; <paramref name="verbose"/> shows framework events too.</summary>
    public static Action<ILoggingBuilder> Configure(bool verbose, bool quiet = false) => logging =>
    {
        logging.ClearProviders();
        if (quiet)
        {
            return;
        }

        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
            console.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning);
        logging.AddFilter("GoodwillFlow", verbose ? LogLevel.Debug : LogLevel.Information);

        // The durable engine talks a lot at Information; keep its warnings.
        logging.AddFilter("DurableTask", LogLevel.Warning);
        logging.AddFilter("Microsoft.DurableTask", LogLevel.Warning);
    };
}
