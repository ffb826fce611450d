using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Turns;
using SupportBot.Localization;

namespace SupportBot.Conversations;

/// <summary>
/// SupportBot's entry point in every channel: greets people in their language when they join or first write,
/// and offers what it can do. The intake dialog plugs in behind these choices.
/// </summary>
public sealed class SupportBotHandler(Localizer localizer) : ActivityHandler
{
    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.SendActivityAsync(Welcome(LocaleOf(turnContext.Activity)), cancellationToken);
    }

    protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.SendActivityAsync(Welcome(LocaleOf(turnContext.Activity)), cancellationToken);
    }

    /// <summary>The activity's locale, or Chinese when no locale is given and the text is Chinese.</summary>
    public static string LocaleOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!string.IsNullOrWhiteSpace(activity.Locale))
        {
            return Localizer.Normalize(activity.Locale);
        }

        return activity.Text?.Any(c => c is >= '\u4e00' and <= '\u9fff') == true ? Localizer.Chinese : Localizer.English;
    }

    private Activity Welcome(string locale) => new()
    {
        Type = ActivityTypes.Message,
        Text = localizer.Get(locale, "welcome.text"),
        SuggestedActions = new SuggestedActions
        {
            Actions =
            [
                CardAction.ImBack(localizer.Get(locale, "menu.report"), localizer.Get(locale, "menu.report")),
                CardAction.ImBack(localizer.Get(locale, "menu.myTickets"), localizer.Get(locale, "menu.myTickets")),
                CardAction.ImBack(localizer.Get(locale, "menu.status"), localizer.Get(locale, "menu.status")),
                CardAction.ImBack(localizer.Get(locale, "menu.help"), localizer.Get(locale, "menu.help")),
            ],
        },
    };
}
