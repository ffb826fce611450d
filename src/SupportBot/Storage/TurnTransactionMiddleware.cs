using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Turns;
using SupportBot.Common;
using SupportBot.Localization;
using IMiddleware = SupportBot.BotFramework.Turns.IMiddleware;

namespace SupportBot.Storage;

/// <summary>
/// Makes each turn one transaction: everything the turn writes (its state, tickets, card posts, outbox rows, the
/// activity's idempotency record) is collected in a <see cref="TurnWork"/> and committed together at the end, and
/// the turn's replies are held (<see cref="DeferredSends"/>) until that commit has succeeded. An activity already
/// recorded (a channel's redelivery, even across a restart) is not run again.
/// </summary>
/// <remarks>
/// When the storage fails — while reading during the turn or at the commit — the turn is rolled back as a whole:
/// nothing it wrote lands, its replies are dropped, and the user gets one apology in their language. Their state
/// stays as the last committed turn left it, so their next message continues from there.
/// <para>
/// When the turn conflicts — another instance on the same database committed a turn of this conversation (its state's
/// ETag moved), filed the same form, or changed what the turn changed — the turn is rolled back and run again on
/// what is committed now, up to <see cref="MaxAttempts"/> times: the user sees the answer to their message, never the
/// conflict. Both engines surface it the same way (<see cref="StorageConflictException"/>), so the retry is here once.
/// </para>
/// </remarks>
internal sealed partial class TurnTransactionMiddleware(
    ICommitQueue commits, IHandledActivities handled, Localizer localizer, ILogger<TurnTransactionMiddleware> log) : IMiddleware
{
    /// <summary>How often one activity's turn is run when it keeps conflicting; the last conflict fails it as any error does.</summary>
    /// <remarks>
    /// Ten, not three: under load, turns on one hot ticket (several engineers pressing at once) or one conversation at
    /// two instances can lose several times in a row. Every loss means another turn committed, so the turns as a whole
    /// always progress; a short random pause between tries keeps two instances from meeting again in step.
    /// </remarks>
    internal const int MaxAttempts = 10;

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (activity.IsType(ActivityTypes.Event) && activity.Name == "ContinueConversation")
        {
            // A proactive send (the outbox, reminders): nobody wrote in, and its sender needs the message id at once.
            using (TurnWork.Enter(null))
            {
                await next(cancellationToken);
            }

            return;
        }

        // What the turn's own run adds to the turn state (the bot state it loaded, its held replies) is dropped before a
        // re-run, so that run reads the state as committed now rather than what the conflicting run had cached.
        var before = new Dictionary<string, object>(turnContext.TurnState);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunOnceAsync(turnContext, next, cancellationToken);
                return;
            }
            catch (StorageConflictException conflict) when (attempt < MaxAttempts)
            {
                Conflicted(log, conflict, activity.Id, activity.ChannelId, attempt);

                // Wall-clock on purpose: a pause of a few milliseconds, not a time the bot reasons about, and tests that
                // hold the app's TimeProvider still must not hang a conflicting turn.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), TimeProvider.System, cancellationToken);
                turnContext.TurnState.Clear();
                foreach (var (key, value) in before)
                {
                    turnContext.TurnState[key] = value;
                }
            }
        }
    }

    /// <summary>One run of the turn in one transaction.</summary>
    private async Task RunOnceAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var work = new TurnWork();
        var committed = false;
        var replies = DeferredSends.Begin(turnContext);
        var recorded = activity.Id is { Length: > 0 };
        try
        {
            if (recorded && handled.Seen(work, activity))
            {
                Redelivered(log, activity.Id, activity.ChannelId);
                replies.Discard();
                return;
            }

            using (TurnWork.Enter(work))
            {
                await next(cancellationToken);
            }

            if (recorded)
            {
                handled.Record(work, activity);
            }

            await commits.CommitAsync(work);
            committed = true;
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            replies.Discard();
            SupportBotTelemetry.StorageFailed("turn");
            RolledBack(log, error, activity.Id, activity.ChannelId);
            await turnContext.SendActivityAsync(localizer.Get(Localizer.Normalize(activity.Locale), "storage.failed"), cancellationToken);
            return;
        }
        catch
        {
            replies.Discard();
            throw;
        }
        finally
        {
            if (!committed)
            {
                work.RolledBack();
            }

            work.Ended();
        }

        work.Committed();
        await replies.ReleaseAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity {ActivityId} on {ChannelId} was handled before (a redelivery); not run again")]
    private static partial void Redelivered(ILogger logger, string? activityId, string? channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The turn for activity {ActivityId} on {ChannelId} conflicted with another commit (try {Attempt}); run again on the state committed now")]
    private static partial void Conflicted(ILogger logger, Exception conflict, string? activityId, string? channelId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage failed in the turn for activity {ActivityId} on {ChannelId}; the turn was rolled back")]
    private static partial void RolledBack(ILogger logger, Exception error, string? activityId, string? channelId);
}
