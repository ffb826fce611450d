using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// SupportBot in-process over real HTTP plumbing: the shipped configuration, its own database file,
/// an admin key, and a clock the test moves.
/// </summary>
internal sealed class SupportBotApplication(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-7f3a";

    /// <summary>The Direct Line signing key of every instance on PostgreSQL, as a cluster's instances share theirs.</summary>
    public static readonly string SharedSigningKey = Convert.ToBase64String("the signing key all test instances share"u8);

    private readonly TempDatabase _database = new();
    private readonly string _uploads = Path.Combine(Path.GetTempPath(), $"supportbot-uploads-{Guid.NewGuid():N}");
    private IHost? _host;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 1, 30, 0, TimeSpan.Zero));

    public string DatabasePath => _database.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DatabasePath", _database.Path);
        builder.UseSetting("Admin:ApiKey", AdminKey);

        // A signing key per process and uploads in a folder of the test's own: nothing lands in the source tree.
        builder.UseSetting("DirectLine:SigningKeyFile", "");
        builder.UseSetting("DirectLine:UploadDirectory", _uploads);

        // Tests move the clock by days: an idle trim on each move would collect the whole shared test process's heap.
        builder.UseSetting("Memory:IdleTrimAfter", "00:00:00");
        // On PostgreSQL the app refuses a key per process (instances must share one): every test instance has this one.
        if (settings is not null && string.Equals(settings.TryGetValue("Storage:Provider", out var provider) ? provider : null, "PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            builder.UseSetting("DirectLine:SigningKey", SharedSigningKey);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(collection =>
        {
            collection.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
            services?.Invoke(collection);
        });
    }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        _host = base.CreateHost(builder);
        return _host;
    }

    /// <summary>
    /// Stops the app before the factory disposes it. The factory stops the host and then disposes it synchronously, on
    /// whichever thread finished the stop; when a hosted service's last await (an outbox delivery) finishes it, that
    /// is inside the continuations of the service's task, where the app's own RunAsync, stopping on the same task, waits
    /// its turn behind the blocked dispose (seen three times, a test run hanging in Host.Dispose). Stopping first and
    /// going on from a work item of its own keeps the synchronous dispose out of that chain. Tests dispose the app with
    /// <c>await</c> (IAsyncLifetime, <c>await using</c>) and nothing here resumes on xunit's context: a synchronous
    /// Dispose blocks an xunit worker on this method, and with its continuations posted back to that context, two such
    /// workers (all the machine has) can wait on each other for ever.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        if (_host is { } host)
        {
            await host.StopAsync().ConfigureAwait(false);

            // Resumed inline by whichever task finished the stop; go on from a work item of its own, so the factory's
            // synchronous dispose below never runs inside those continuations. (ForceYielding would not do: it yields only
            // when the task is already complete.)
            await Task.Yield();
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _database.Dispose();
        if (Directory.Exists(_uploads))
        {
            Directory.Delete(_uploads, recursive: true);
        }
    }
}

internal static class ChannelTestServices
{
    /// <summary>Points the token validator's and the token provider's HTTP at the test issuer.</summary>
    public static void UseTestIssuer(this IServiceCollection services, TestChannelIssuer issuer)
    {
        services.AddHttpClient(SupportBot.BotFramework.Authentication.ChannelTokenValidator.MetadataHttpClient).ConfigurePrimaryHttpMessageHandler(issuer.Handler);
        services.AddHttpClient(SupportBot.BotFramework.Connector.EntraBotTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(issuer.Handler);
    }
}
