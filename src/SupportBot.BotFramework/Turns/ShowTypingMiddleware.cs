using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Turns;

/// <summary>
/// Shows "typing…" when a message turn takes longer than <paramref name="delay"/>, and again every
/// <paramref name="period"/> while it still runs (clients hide the indicator after about three seconds).
/// </summary>
public sealed class ShowTypingMiddleware(TimeProvider time, TimeSpan delay, TimeSpan period) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);

        // expectReplies callers collect the replies synchronously; a typing indicator would only be noise there.
        if (!turnContext.Activity.IsType(ActivityTypes.Message) || turnContext.Activity.DeliveryMode == DeliveryModes.ExpectReplies)
        {
            await next(cancellationToken);
            return;
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var typing = KeepTypingAsync(turnContext, done.Token);
        try
        {
            await next(cancellationToken);
        }
        finally
        {
            await done.CancelAsync();
            await typing;
        }
    }

    private async Task KeepTypingAsync(ITurnContext turnContext, CancellationToken done)
    {
        try
        {
            await Task.Delay(delay, time, done);
            while (!done.IsCancellationRequested)
            {
                await turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, done);
                await Task.Delay(period, time, done);
            }
        }
        catch (OperationCanceledException)
        {
            // The turn finished: the indicator stops, which is the point.
        }
    }
}
