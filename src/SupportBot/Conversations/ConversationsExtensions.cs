using SupportBot.BotFramework.Hosting;
using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Turns;
using IMiddleware = SupportBot.BotFramework.Turns.IMiddleware;

namespace SupportBot.Conversations;

internal static class ConversationsExtensions
{
    /// <summary>
    /// The Bot Framework channel (POST /api/messages) and SupportBot's handler; state and conversation references are
    /// kept by the storage engine (<c>AddStorage</c>).
    /// </summary>
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddSingleton<ConversationState>();
        services.AddSingleton<UserState>();

        // Middleware runs in registration order around every turn.
        services.AddSingleton<IMiddleware, ConversationReferenceMiddleware>();
        services.AddSingleton<IMiddleware>(provider => new ShowTypingMiddleware(provider.GetRequiredService<TimeProvider>(), TimeSpan.FromMilliseconds(750), TimeSpan.FromSeconds(2)));
        services.AddSingleton<IMiddleware>(provider => new AutoSaveStateMiddleware(provider.GetRequiredService<ConversationState>(), provider.GetRequiredService<UserState>()));

        services.AddSingleton<IBot, SupportBotHandler>();
        services.AddSingleton<ITurnErrorReply, TurnFailedReply>();
        services.AddBotFramework();
        return services;
    }
}
