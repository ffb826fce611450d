using LiteDB;
using SupportBot.Storage;

namespace SupportBot.Engineering;

public static class EngineeringExtensions
{
    /// <summary>Ticket cards for engineers and reporters, their actions, and telling everyone concerned.</summary>
    public static IServiceCollection AddEngineering(this IServiceCollection services)
    {
        services.AddOptions<TeamsReachOptions>().BindConfiguration("Teams");
        services.AddSingleton<ICardPostStore>(provider => new LiteDbCardPostStore(provider.GetRequiredService<ILiteDatabase>()));
        services.AddSingleton<TriageChannels>();
        services.AddSingleton<TriageCommand>();
        services.AddSingleton<CardInputsForm>();
        services.AddSingleton<KnownCases>();
        services.AddSingleton<KnowledgeCommand>();
        services.AddSingleton<TicketCard>();
        services.AddSingleton<ReporterCards>();
        services.AddSingleton<CardRenderer>();
        services.AddSingleton<CardDelivery>();
        services.AddSingleton<TicketNotifications>();
        services.AddSingleton(provider => new TicketBroadcaster(
            provider.GetRequiredService<Outbox>(),
            provider.GetRequiredService<OutboxDispatcher>(),
            provider.GetRequiredService<TicketNotifications>(),
            provider.GetRequiredService<ILiteDatabase>()));
        services.AddSingleton<IOutboxHandler>(provider => provider.GetRequiredService<TicketBroadcaster>());
        services.AddSingleton<TicketCardActions>();
        services.AddSingleton<NewTicketAnnouncer>();
        services.AddSingleton<ServiceDeskHandoff>();
        return services;
    }
}
