using Microsoft.Extensions.Options;
using Quartz;

namespace SupportBot.Reminders;

/// <summary>
/// Quartz's hosted service with a stop that ends when the host's shutdown budget (<c>Shutdown:Timeout</c>) does.
/// </summary>
/// <remarks>
/// On PostgreSQL the clustered scheduler's shutdown goes through its job store, which retries a database that does not
/// answer for as long as it takes: stopping while the server was unreachable held the whole process, past any
/// orchestrator's patience (issue 22). Quartz's stop cannot be overridden, so it is wrapped: once the budget is spent
/// the host goes on without it, and the process exits with the shutdown unfinished. Nothing is lost by that: a trigger
/// this instance had taken is taken back by another instance's check-in (or at the next start), and a pass it had under
/// way runs again there (the jobs ask for recovery; each step is recorded with the ticket's version, so none is sent twice).
/// </remarks>
internal sealed partial class BoundedSchedulerStop(QuartzHostedService quartz, IOptions<HostOptions> host, ILogger<BoundedSchedulerStop> log) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => quartz.StartingAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => quartz.StartAsync(cancellationToken);

    public Task StartedAsync(CancellationToken cancellationToken) => quartz.StartedAsync(cancellationToken);

    public Task StoppingAsync(CancellationToken cancellationToken) => quartz.StoppingAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var stopping = quartz.StopAsync(cancellationToken);
        try
        {
            await stopping.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Whatever the abandoned stop ends with later is no one's business now: observed, so it is not reported unobserved.
            _ = stopping.ContinueWith(static ended => _ = ended.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            LeftRunning(log, host.Value.ShutdownTimeout);
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => quartz.StoppedAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown did not finish within the shutdown timeout ({Timeout}) for the reminders' scheduler: its database may be unreachable. The process exits without it; what it had taken is taken over by another instance or the next start.")]
    private static partial void LeftRunning(ILogger logger, TimeSpan timeout);
}
