namespace SupportBot.BotFramework.Turns;

public delegate Task NextDelegate(CancellationToken cancellationToken);

/// <summary>Cross-cutting work around every turn (logging scope, typing indicator, mention removal, state saving).</summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken);
}
