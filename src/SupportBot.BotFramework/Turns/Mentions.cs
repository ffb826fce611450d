using System.Text.RegularExpressions;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Turns;

/// <summary>
/// Teams puts "&lt;at&gt;Bot name&lt;/at&gt;" into the text of channel and group-chat messages. The bot reads
/// what the person wrote, so the mention of the bot itself is removed, using the mention entities (never the
/// text) to know which markup is the bot.
/// </summary>
public static partial class Mentions
{
    public static Activity RemoveRecipientMention(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Text is null || activity.Entities is null || activity.Recipient?.Id is not { } botId)
        {
            return activity;
        }

        var text = activity.Text;
        foreach (var mention in activity.Entities.Where(e => e.Type == "mention" && e.Mentioned?.Id == botId))
        {
            var markup = mention.Text ?? $"<at>{mention.Mentioned?.Name}</at>";
            text = Regex.Replace(text, Regex.Escape(markup), " ", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }

        return activity with { Text = Spaces().Replace(text, " ").Trim() };
    }

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
