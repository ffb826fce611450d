using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// SupportBot in-process over real HTTP plumbing: the shipped configuration, its own database file,
/// an admin key, and a clock the test moves.
/// </summary>
internal sealed class SupportBotApplication(IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-7f3a";

    private readonly TempDatabase _database = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 1, 30, 0, TimeSpan.Zero));

    public string DatabasePath => _database.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DatabasePath", _database.Path);
        builder.UseSetting("Admin:ApiKey", AdminKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
    }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _database.Dispose();
    }
}
