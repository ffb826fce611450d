using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportBot.Storage;

/// <summary>
/// Unhealthy while commits fail (the reason is the last failure), and healthy again once one succeeds: the check
/// itself commits a probe, which also makes the queue reopen a database that a full disk left broken.
/// </summary>
internal sealed class StorageHealthCheck(ICommitQueue commits) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await commits.ProbeAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            return HealthCheckResult.Unhealthy($"storage: {commits.Fault ?? error.Message}");
        }
    }
}
