using SupportBot.Common;

namespace SupportBot.Engineering;

internal static class EngineeringExtensions
{
    /// <summary>
    /// Ticket cards for engineers and reporters, their actions, and telling everyone concerned. The card-post store and
    /// the outbox come from the storage engine (<c>AddStorage</c>).
    /// </summary>
    public static IServiceCollection AddEngineering(this IServiceCollection services)
    {
        services.AddOptions<TeamsReachOptions>().BindConfiguration("Teams");
        services.AddSingleton<TriageChannels>();
        services.AddSingleton<TriageCommand>();
        services.AddSingleton<ImplementationLogCommand>();
        services.AddSingleton<CardInputsForm>();
        services.AddSingleton<Actions.CardRouting>();
        services.AddSingleton<KnownCases>();
        services.AddSingleton<KnowledgeCommand>();
        services.AddSingleton<TicketFacts>();
        services.AddSingleton<TicketCard>();
        services.AddSingleton<ReporterCards>();
        services.AddSingleton<CardRenderer>();
        services.AddSingleton<CardDelivery>();
        services.AddSingleton<TicketNotifications>();
        services.AddSingleton(provider => new TicketBroadcaster(provider.GetRequiredService<IOutbox>(), provider.GetRequiredService<TicketNotifications>()));
        services.AddSingleton<IOutboxHandler>(provider => provider.GetRequiredService<TicketBroadcaster>());
        services.AddSingleton<ArchiveDesk>();
        services.AddSingleton<ArchiveDraftCard>();
        services.AddSingleton<ArchiveDraftMessages>();
        services.AddSingleton<IOutboxHandler>(provider => provider.GetRequiredService<ArchiveDraftMessages>());
        services.AddSingleton<TicketCardActions>();
        services.AddSingleton<NewTicketAnnouncer>();
        services.AddSingleton<ServiceDeskHandoff>();
        services.AddSingleton<Intake.IServiceDesk, EngineeringServiceDesk>();
        return services;
    }
}
