using System.Text;
using System.Text.RegularExpressions;
using SupportBot.BotFramework.Schema;
using SupportBot.Common;
using SupportBot.Knowledge;
using SupportBot.Knowledge.Search;
using SupportBot.Localization;
using SupportBot.Tickets.Routing;

namespace SupportBot.Engineering;

/// <summary>
/// "kb printer garbled" / "知识库 打印 乱码": an engineer looks up known cases from any chat with SupportBot. Reporters
/// get articles offered while they report (the intake), not the raw knowledge base with its internal causes.
/// </summary>
internal sealed partial class KnowledgeCommand(IKnowledgeSearch search, SupportRoster roster, Localizer localizer)
{
    public const int Shown = 5;

    /// <summary>The answer to a search command, or null when the text is not one.</summary>
    public string? TryHandle(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var match = Command().Match(activity.Text?.Trim() ?? "");
        if (!match.Success)
        {
            return null;
        }

        var words = match.Groups["words"].Value.Trim();
        var locale = Localizer.Normalize(activity.Locale ?? Localizer.LanguageOf(words.Length > 0 ? words : activity.Text));
        var who = activity.SenderId() ?? "";
        if (roster.FindEngineer(who) is null && !roster.IsAdmin(who))
        {
            return localizer.Get(locale, "kb.notEngineer");
        }

        if (words.Length == 0 || words.Length > KnowledgeApi.MaxQueryLength)
        {
            return localizer.Get(locale, "kb.usage");
        }

        var hits = search.Search(words, Localizer.LanguageOf(words), Shown);
        if (hits.Count == 0)
        {
            return localizer.Get(locale, "kb.none", ReporterText.Escape(words));
        }

        var answer = new StringBuilder(localizer.Get(locale, "kb.found", hits.Count, ReporterText.Escape(words)));
        foreach (var (hit, rank) in hits.Select((hit, i) => (hit, i + 1)))
        {
            answer.Append("\n\n").Append(localizer.Get(locale, "kb.hit", rank, hit.Id, ReporterText.Escape(hit.Title), ReporterText.Escape(hit.Snippet)));
            if (hit.Ticket is { } ticket)
            {
                answer.Append(' ').Append(localizer.Get(locale, "kb.hit.ticket", ticket));
            }
        }

        return answer.ToString();
    }

    [GeneratedRegex(@"^(?:kb|知识库)(?:$|[\s:：]+(?<words>.*)$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Command();
}
