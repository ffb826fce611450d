using Microsoft.Extensions.Options;

namespace SupportBot.Operations;

/// <summary>
/// The process's last word on a stop: if it is still running <see cref="Margin"/> after <c>Shutdown:Timeout</c>, it
/// says so in one line and exits.
/// </summary>
/// <remarks>
/// The host stops waiting for its services when the timeout is spent, but it cannot make them return: a stop blocked
/// inside a library (a database client cancelling a command against a server that does not answer, Quartz retrying
/// its store) still held the process 15–45 s after a SIGTERM while PostgreSQL was unreachable. Nothing committed is
/// lost by cutting it off: every turn is one transaction, outbox rows and reminder triggers stay in the database for
/// the other instances or the next start. The margin lets a stop that ended at the timeout dispose and flush its log.
/// Armed by Program.cs only, so the in-process test hosts (which never run past Build there) are never ended by it.
/// </remarks>
internal static partial class ShutdownDeadline
{
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    public static IDisposable Arm(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var timeout = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var log = loggers.CreateLogger(typeof(ShutdownDeadline).FullName!);
        var armed = new Armed();

        // A thread of its own, waiting by the wall clock: a timer's callback needs a free thread-pool thread, and with the
        // pool's threads blocked in database calls it came 25 s late (seen with PostgreSQL blackholed).
        armed.Stopping = app.Lifetime.ApplicationStopping.Register(() =>
        {
            Begun(log, timeout + Margin);
            new Thread(() =>
            {
                if (!armed.Ended.Wait(timeout + Margin))
                {
                    Expire(log, loggers, timeout);
                }
            })
            { IsBackground = true, Name = "shutdown deadline" }.Start();
        });
        return armed;
    }

    private static void Expire(ILogger log, ILoggerFactory loggers, TimeSpan timeout)
    {
        Overran(log, timeout, Margin);

        // The console logger writes from a queue of its own: disposing its provider writes out what is queued.
        loggers.Dispose();
        Environment.Exit(0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: the process ends within {Deadline} whatever still runs then")]
    private static partial void Begun(ILogger logger, TimeSpan deadline);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown did not finish within the shutdown timeout ({Timeout}) and {Margin} more (is the database reachable?): the process exits now, leaving what still runs; nothing committed is lost.")]
    private static partial void Overran(ILogger logger, TimeSpan timeout, TimeSpan margin);

    private sealed class Armed : IDisposable
    {
        public CancellationTokenRegistration Stopping { get; set; }

        /// <summary>Set when the host has stopped and Main is returning: the deadline has nothing left to do.</summary>
        public ManualResetEventSlim Ended { get; } = new();

        public void Dispose()
        {
            Stopping.Dispose();
            Ended.Set();
        }
    }
}
