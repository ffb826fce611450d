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
    /// Stops the app, then lets the factory dispose it from a work item of its own, and waits at most a minute for that.
    /// </summary>
    /// <remarks>
    /// The factory disposes the host synchronously (<c>Host.Dispose</c> blocks on its own async dispose) while the app's
    /// <c>RunAsync</c>, woken by the stop, disposes the same host from its own thread. Now and then the two wait for each
    /// other for ever: seen in four suite runs in two days (stacks: the factory's thread in <c>Host.Dispose</c>, the app's
    /// Main in <c>RunAsync</c>, nothing running), first mended by stopping first and yielding (not enough), not understood
    /// further. It is the test host's teardown, not the bot's shutdown (the child-process tests stop real processes), so a
    /// teardown that does not finish in a minute is reported on the console and the run goes on, rather than the
    /// whole suite hanging until its blame timeout. The blocked thread is left behind; the test's own result stands.
    /// </remarks>
    public override async ValueTask DisposeAsync()
    {
        if (_host is { } host)
        {
            await host.StopAsync();

            // The app's own RunAsync disposes the host once stopped; the factory's dispose waits until it has let go of
            // the data file, so the two disposes do not run side by side.
            try
            {
                await SupportBot.Storage.DatabaseFile.ClosedHereAsync(_database.Path).WaitAsync(TeardownLimit);
            }
            catch (TimeoutException)
            {
                await Console.Error.WriteLineAsync($"SupportBotApplication: the app did not close its data file within {TeardownLimit.TotalSeconds:0} s of stopping; going on.");
            }
        }

        var disposing = Task.Run(async () => await base.DisposeAsync());
        try
        {
            await disposing.WaitAsync(TeardownLimit);
        }
        catch (TimeoutException)
        {
            await Console.Error.WriteLineAsync($"SupportBotApplication: the host's dispose did not finish within {TeardownLimit.TotalSeconds:0} s (the factory's synchronous dispose racing the app's own); going on.");
        }
    }

    private static readonly TimeSpan TeardownLimit = TimeSpan.FromMinutes(1);

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
