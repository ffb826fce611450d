using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SupportBot.Common;
using SupportBot.Storage;
using SupportBot.Tickets;
using IMiddleware = SupportBot.BotFramework.Turns.IMiddleware;

namespace SupportBot.Operations;

/// <summary>
/// What an IT team runs SupportBot with: liveness and readiness, metrics (Prometheus), traces, and a bounded
/// shutdown. The README's "Operating SupportBot" section lists the names.
/// </summary>
internal static class OperationsExtensions
{
    /// <summary>Label sets each metric stream can hold; past it the SDK counts into one overflow series, losing no total.</summary>
    internal const int MetricPointsPerStream = 200;

    /// <summary>Registered before the features, so that the turn's span and timing wrap every other middleware.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName);
        services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.SectionName);
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Timeout);

        services.AddSingleton<IMiddleware, TurnTelemetryMiddleware>();
        services.AddSingleton<ITicketChangeListener, FiledTicketsCounter>();
        services.AddHostedService<OutboxGauges>();
        services.AddHealthChecks().AddCheck<LifecycleHealthCheck>("lifecycle", tags: [LifecycleHealthCheck.Tag]);

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(SupportBotTelemetry.Name))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SupportBotTelemetry.Name, BotFramework.Connector.ConnectorTelemetry.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()

                    // The SDK sets aside room for 2,000 label sets per metric stream, up front: 49 streams held 8.7 MB of
                    // empty points for the life of the process (a heap dump at idle, bench/README.md). SupportBot's labels
                    // are teams, priorities, channels, states and routes: a few dozen sets at most.
                    .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MetricPointsPerStream });
                if (telemetry.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(SupportBotTelemetry.Name)
                    .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = http => !IsOperations(http.Request.Path, telemetry))
                    .AddHttpClientInstrumentation();
                if (telemetry.ConsoleTraces)
                {
                    tracing.AddConsoleExporter();
                }
            });
        return services;
    }

    /// <summary>
    /// Wraps the engine's commit queue (registered by AddStorage, so call this after it) with a span per commit.
    /// </summary>
    public static IServiceCollection TraceStorageCommits(this IServiceCollection services)
    {
        var engine = services.LastOrDefault(service => service.ServiceType == typeof(ICommitQueue));
        if (engine?.ImplementationFactory is { } make)
        {
            services.Replace(ServiceDescriptor.Singleton<ICommitQueue>(provider => new TracedCommitQueue((ICommitQueue)make(provider))));
        }

        return services;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // /healthz stays what it was (the storage, for the tests and scripts that use it); live asks nothing of the
        // process but an answer; ready adds whether the host is started and not stopping.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => !check.Tags.Contains(LifecycleHealthCheck.Tag) });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready");

        var telemetry = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        var admin = app.Services.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (telemetry.Prometheus && admin.Enabled)
        {
            var key = Encoding.UTF8.GetBytes(admin.ApiKey!);
            app.MapPrometheusScrapingEndpoint(telemetry.MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (http, next) =>
            {
                if (!Presents(http.Request, key))
                {
                    http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                await next(http);
            }), optionsName: null);
        }
        else if (telemetry.Prometheus)
        {
            app.Logger.MetricsOff(telemetry.MetricsPath);
        }

        return app;
    }

    /// <summary>The admin key in <c>X-Api-Key</c> or as a bearer token, compared in constant time.</summary>
    private static bool Presents(HttpRequest request, byte[] key)
    {
        var presented = request.Headers[AdminApiKeyFilter.HeaderName].ToString();
        if (presented.Length == 0 && request.Headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), key);
    }

    /// <summary>Probes and scrapes come every few seconds: traced, they would bury the turns.</summary>
    private static bool IsOperations(PathString path, TelemetryOptions telemetry) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(telemetry.MetricsPath, StringComparison.OrdinalIgnoreCase);
}

internal static partial class OperationsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics are not served at {Path}: no Admin:ApiKey is configured to protect them.")]
    public static partial void MetricsOff(this ILogger logger, string path);
}
