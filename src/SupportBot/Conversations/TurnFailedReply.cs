using SupportBot.BotFramework.Hosting;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;
using SupportBot.Localization;

namespace SupportBot.Conversations;

/// <summary>The apology after a failed turn, in the user's language; the conversation itself is kept as it was.</summary>
internal sealed class TurnFailedReply(Localizer localizer) : ITurnErrorReply
{
    public Activity For(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return new Activity { Type = ActivityTypes.Message, Text = localizer.Get(SupportBotHandler.LocaleOf(turnContext.Activity), "turn.failed") };
    }
}
