using System.Net;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SupportBot.Operations;
using SupportBot.Common;
using SupportBot.Storage;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// Liveness and readiness as a load balancer or an orchestrator probes them. Must hold: while the storage fails the
/// instance is not ready (no new conversations should come to it) but alive (restarting it would not help), and it is
/// ready again once the storage answers, without a restart (LiteDB and PostgreSQL); /healthz keeps answering as before.
/// </summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Ready_fails_while_the_storage_fails_and_recovers_while_live_stays_up()
    {
        var disk = new FailingDisk();
        await using var app = new SupportBotApplication(services: services =>
            services.Replace(ServiceDescriptor.Singleton<ILiteDatabase>(provider => new ReopenableLiteDatabase(() => disk.Open(
                provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.DatabasePath), SupportBotBsonMapper.Create()))));
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
    public async Task On_PostgreSql_ready_fails_while_the_database_refuses_connections_and_recovers()
    {
        var connectionString = PgTestCluster.Instance.CreateDatabase();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var app = new SupportBotApplication(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:SupportBot"] = connectionString,
        });
        var probe = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(probe, "/health/ready"));

        // The server ends every session of the database and lets no new one in, as when it is taken away.
        await AsServerAdminAsync(connectionString, $"ALTER DATABASE {database} ALLOW_CONNECTIONS false");
        await AsServerAdminAsync(connectionString, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(probe, "/health/ready"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(probe, "/health/live"));

        // Back: ready again without a restart. Npgsql finds a pooled session the server ended only when it next uses
        // it, one per probe, so a few probes may still fail: at most one per session the pool held (10).
        await AsServerAdminAsync(connectionString, $"ALTER DATABASE {database} ALLOW_CONNECTIONS true");
        var ready = false;
        for (var tries = 0; tries < 12 && !ready; tries++)
        {
            ready = await StatusAsync(probe, "/health/ready") == HttpStatusCode.OK;
        }

        Assert.True(ready);
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

    private static async Task AsServerAdminAsync(string connectionString, string sql)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
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
