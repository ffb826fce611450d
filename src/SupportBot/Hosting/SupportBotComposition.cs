using System.Text.Json;
using System.Text.Json.Serialization;
using SupportBot.BotFramework.Hosting;
using SupportBot.Conversations;
using SupportBot.Describing;
using SupportBot.Engineering;
using SupportBot.Intake;
using SupportBot.Knowledge;
using SupportBot.Operations;
using SupportBot.Reminders;
using SupportBot.Review;
using SupportBot.Storage;
using SupportBot.Tickets;
using SupportBot.WebChat;
using SupportBot.Common;

namespace SupportBot.Hosting;

/// <summary>
/// The whole application, feature by feature: the table of contents that Program.cs and the load test
/// both start from, so that what is measured is what runs.
/// </summary>
internal static class SupportBotComposition
{
    public static IServiceCollection AddSupportBot(this IServiceCollection services, IConfiguration configuration)
    {
        // Infrastructure: the one clock, problem+json errors, JSON with enum names.
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddEdgeProtection();
        services.AddOptions<MemoryOptions>().BindConfiguration(MemoryOptions.SectionName);
        services.AddHostedService<IdleMemoryTrim>();

        // Operations first: its turn middleware wraps every other one (the storage's transaction included).
        services.AddOperations(configuration);

        // Features
        services.AddStorage(configuration);
        services.TraceStorageCommits();
        services.AddTickets();
        services.AddDescribing();
        services.AddConversations();
        services.AddIntake();
        services.AddEngineering();
        services.AddReminders(configuration);
        services.AddKnowledge();
        services.AddReview();
        services.AddWebChat();
        return services;
    }

    public static WebApplication MapSupportBot(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseTrustedProxies();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // The customer page: wwwroot/index.html at "/", the widget bundle, and Direct Line's CORS and WebSocket.
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = WebChatEndpoints.SecurePage });
        app.UseCors();
        app.UseRateLimiter();
        app.UseWebSockets();
        app.MapOperations();
        app.MapTicketsApi();
        app.MapTicketFiles();
        app.MapKnowledgeApi();
        app.MapReviewApi();
        app.MapGroup("").RequireRateLimiting(EdgeProtection.AnalyzePolicy).MapDescriptionsApi();
        app.MapBotMessages();
        app.MapWebChat();
        return app;
    }
}
