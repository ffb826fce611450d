using Microsoft.Extensions.Options;
using SupportBot.Common;
using SupportBot.Localization;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Lifecycle;
using SupportBot.Tickets.Numbering;
using SupportBot.Tickets.Routing;

namespace SupportBot.Tickets;

internal static class TicketsExtensions
{
    public static IServiceCollection AddTickets(this IServiceCollection services)
    {
        services.AddValidatedOptions<TicketsOptions, TicketsOptionsValidator>(TicketsOptions.SectionName);
        services.AddValidatedOptions<RosterOptions, RosterOptionsValidator>(RosterOptions.SectionName);
        services.AddValidatedOptions<SlaOptions, SlaOptionsValidator>(SlaOptions.SectionName);

        services.AddSingleton<Localizer>();
        services.AddSingleton(provider => TicketNumberFormat.Create(provider.GetRequiredService<IOptions<TicketsOptions>>().Value.NumberPattern));
        services.AddSingleton(provider =>
        {
            var errors = new List<string>();
            return SlaPolicyBuilder.TryBuild(provider.GetRequiredService<IOptions<SlaOptions>>().Value, errors)
                ?? throw new OptionsValidationException(SlaOptions.SectionName, typeof(SlaOptions), errors);
        });
        services.AddSingleton<DeadlineCalculator>();
        services.AddSingleton<DeadlineExplainer>();
        services.AddSingleton<RefusalMessages>();
        services.AddSingleton<SupportRoster>();
        services.AddSingleton<CategoryCatalog>();
        services.AddSingleton<TicketRouter>();
        services.AddSingleton<TicketService>();
        return services;
    }
}
