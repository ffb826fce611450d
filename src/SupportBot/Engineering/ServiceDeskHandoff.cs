using SupportBot.BotFramework.Schema;
using SupportBot.Intake;
using SupportBot.Localization;
using SupportBot.Tickets.Routing;
using SupportBot.Common;

namespace SupportBot.Engineering;

/// <summary>
/// "Talk to a person" during intake: the service desk hears who asked, how to reach them and what they have said so
/// far, in its triage channel, or, when none is bound, in its leads' personal chats. Everything the reporter typed is
/// escaped, since engineers read it as markdown.
/// </summary>
internal sealed class ServiceDeskHandoff(TriageChannels triage, CategoryCatalog categories, SupportRoster roster, CardDelivery delivery, Localizer localizer)
{
    /// <summary>The category whose team takes what fits nowhere else: the service desk.</summary>
    private const string DeskCategory = "other";

    /// <summary>Sends the request; false when nobody at the desk could be reached.</summary>
    public async Task<bool> RequestPersonAsync(Activity activity, IntakeForm form)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(form);
        var team = categories.TeamFor(DeskCategory);
        if (triage.Find(team) is { } channel)
        {
            return await delivery.SendAsync(CardDelivery.ReferenceOf(channel), Message(channel.Locale, activity, form));
        }

        var reached = false;
        foreach (var lead in roster.FindTeam(team)?.Members.Where(member => member.IsLead) ?? [])
        {
            if (await delivery.PersonalChatAsync(Channels.MsTeams, lead.Id) is { } chat)
            {
                reached |= await delivery.SendAsync(chat, Message(lead.Locale, activity, form));
            }
        }

        return reached;
    }

    private Activity Message(string locale, Activity activity, IntakeForm form)
    {
        var channel = activity.ChannelId == Channels.MsTeams ? "Teams" : localizer.Get(locale, "handoff.web");
        var contact = string.Join(" · ", new[] { form.Profile.EmployeeId, form.Profile.Department, form.Profile.Extension, form.Profile.CustomerName, form.Profile.CustomerNumber, form.Profile.Phone }
            .Where(part => !string.IsNullOrWhiteSpace(part)));
        var words = new[] { form.Original, form.Answers.System, form.Answers.Action, form.Answers.Symptom, form.Answers.ErrorCode }.Where(part => !string.IsNullOrWhiteSpace(part)).ToArray();
        var said = words.Length == 0 ? localizer.Get(locale, "handoff.nothingYet") : string.Join(" / ", words);
        var text = localizer.Get(
            locale,
            "handoff.requested",
            ReporterText.Escape(activity.From?.Name ?? activity.From?.Id ?? "?"),
            channel,
            contact.Length == 0 ? localizer.Get(locale, "handoff.noContact") : ReporterText.Escape(contact),
            ReporterText.Escape(said));
        return new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "markdown" };
    }
}
