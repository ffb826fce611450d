using LiteDB;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.Storage;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Routing;

namespace SupportBot.Tests.TestKit;

/// <summary>The appsettings.json SupportBot ships, bound and validated the way the app does it.</summary>
internal static class SampleConfiguration
{
    public static IConfiguration Load(IDictionary<string, string?>? overrides = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "sample-appsettings.json"))
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();

    /// <summary>
    /// The app's ticket services over the sample configuration, with the given clock and an in-memory LiteDB;
    /// <paramref name="store"/> may wrap the ticket store (a fault or a concurrent writer put between the service and it).
    /// </summary>
    public static ServiceProvider Services(TimeProvider time, IDictionary<string, string?>? overrides = null, Func<ITicketStore, ITicketStore>? store = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Load(overrides));
        services.AddSingleton(time);
        services.AddSingleton<ILiteDatabase>(_ => TempDatabase.InMemory());
        services.AddSingleton<LiteDbTicketStore>();
        services.AddSingleton(provider => (store ?? (inner => inner))(provider.GetRequiredService<LiteDbTicketStore>()));
        services.AddTickets();
        var provider = services.BuildServiceProvider(validateScopes: true);

        // What ValidateOnStart does when the host starts.
        _ = provider.GetRequiredService<IOptions<TicketsOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<RosterOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<SlaOptions>>().Value;
        return provider;
    }
}
