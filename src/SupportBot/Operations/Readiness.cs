using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportBot.Operations;

/// <summary>
/// Not ready until the host has started and from the moment it begins to stop, so a load balancer sends no new
/// conversations to an instance that is leaving while its turns in flight still finish. (Migrations run before the
/// host listens at all, Program.cs: a balancer's probe meets a closed port then, which is "not ready" too.)
/// </summary>
internal sealed class LifecycleHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string Tag = "lifecycle";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("stopping")
            : !lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Unhealthy("starting")
            : HealthCheckResult.Healthy());
}
