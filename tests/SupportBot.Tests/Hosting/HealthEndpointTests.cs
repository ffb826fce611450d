using System.Net;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using SupportBot.Operations;
using SupportBot.Common;
using SupportBot.Storage;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// Liveness and readiness as a load balancer or an orchestrator probes them. Must hold: while the storage fails the
/// instance is not ready (no new conversations should come to it) but alive (restarting it would not help), and it is
/// ready again once the storage answers, without a restart; /healthz keeps answering as before.
/// </summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Ready_fails_while_the_storage_fails_and_recovers_while_live_stays_up()
    {
        var disk = new FailingDisk();
        await using var app = new SupportBotApplication(services: services =>
            services.Replace(ServiceDescriptor.Singleton<ILiteDatabase>(provider => new ReopenableLiteDatabase(() => disk.Open(
                provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.DatabasePath)))));
        var probe = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(probe, "/health/live"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(probe, "/health/ready"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(probe, "/healthz"));

        disk.Full = true;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(probe, "/health/ready"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(probe, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(probe, "/health/live"));

        disk.Full = false;
        app.Time.Advance(TimeSpan.FromSeconds(2)); // the queue reopens the file at most once a second
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(probe, "/health/ready"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(probe, "/health/live"));
    }

    [Fact]
    public async Task An_instance_is_not_ready_before_it_has_started_nor_once_it_is_stopping()
    {
        var lifetime = new Lifetime();
        var check = new LifecycleHealthCheck(lifetime);

        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        await lifetime.Started.CancelAsync();
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        await lifetime.Stopping.CancelAsync();
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        public CancellationTokenSource Started { get; } = new();

        public CancellationTokenSource Stopping { get; } = new();

        public CancellationToken ApplicationStarted => Started.Token;

        public CancellationToken ApplicationStopping => Stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopping.Cancel();

        public void Dispose()
        {
            Started.Dispose();
            Stopping.Dispose();
        }
    }
}
