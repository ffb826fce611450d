using System.Diagnostics;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;
using SupportBot.Common;
using SupportBot.Storage;
using IMiddleware = SupportBot.BotFramework.Turns.IMiddleware;

namespace SupportBot.Operations;

/// <summary>
/// The outermost middleware: a span and a count for each turn someone started, with its latency by channel. Proactive
/// sends (the outbox's ContinueConversation) are not turns of a person and are traced as outbox deliveries instead.
/// </summary>
internal sealed class TurnTelemetryMiddleware(TimeProvider time) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (activity.IsType(ActivityTypes.Event) && activity.Name == "ContinueConversation")
        {
            await next(cancellationToken);
            return;
        }

        var channel = SupportBotTelemetry.ChannelLabel(activity.ChannelId);
        using var span = SupportBotTelemetry.Traces.StartActivity("supportbot.turn");
        span?.SetTag("supportbot.channel", channel);
        span?.SetTag("supportbot.activity.type", activity.Type is ActivityTypes.Message or ActivityTypes.Invoke or ActivityTypes.ConversationUpdate or ActivityTypes.Event ? activity.Type : "other");
        var started = time.GetTimestamp();
        try
        {
            await next(cancellationToken);
        }
        catch (Exception error)
        {
            span?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            throw;
        }
        finally
        {
            SupportBotTelemetry.TurnEnded(channel, time.GetElapsedTime(started));
        }
    }
}

/// <summary>The engine's commit queue with a span per commit: a turn's trace shows how long its one transaction took.</summary>
internal sealed class TracedCommitQueue(ICommitQueue inner) : ICommitQueue
{
    public string? Fault => inner.Fault;

    public async Task CommitAsync(TurnWork work)
    {
        using var span = SupportBotTelemetry.Traces.StartActivity("supportbot.storage.commit");
        try
        {
            await inner.CommitAsync(work);
        }
        catch (Exception error)
        {
            // The type only: a storage message can name a file or a server, which a trace backend need not keep.
            span?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            throw;
        }
    }

    public Task FlushAsync() => inner.FlushAsync();

    public Task ProbeAsync() => inner.ProbeAsync();
}
