using SupportBot.BotFramework.Schema;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Routing;

namespace SupportBot.Intake;

/// <summary>
/// Files the confirmed form: the ticket is created, numbered and routed by the ticket service, and the reporter
/// is told its number, priority, team and the time by which someone will respond.
/// </summary>
internal sealed class IntakeSubmission(TicketService tickets, ITicketFiles files, SupportRoster roster, IntakeFlow flow, Localizer localizer, IKnownTeamsUsers users)
{
    public async Task<(Ticket Ticket, string Confirmation)> SubmitAsync(IntakeForm form, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(activity);
        var reporter = ReporterOf(form, activity);
        var filedFrom = activity.Conversation?.Id is { } here ? new ConversationAddress(activity.ChannelId ?? "", here) : null;
        var conversation = filedFrom;
        FiledFor? filedFor = null;
        if (form.OnBehalf is { } caller)
        {
            // A caller SupportBot knows in Teams hears later questions and the verification there, in their own chat;
            // anyone else is reached through the engineer who filed, who is then the reporter on the ticket.
            var known = form.ReporterKind == ReporterKind.Employee ? await users.FindByNameAsync(caller.CallerName) : null;
            reporter = reporter with { Id = known ?? reporter.Id, Name = caller.CallerName };
            conversation = known is null ? conversation : null;
            filedFor = new FiledFor
            {
                FiledById = caller.FiledById,
                FiledByName = caller.FiledByName,
                CameBy = caller.CameBy ?? "phone",
                EmergencyContact = NullIfEmpty(caller.EmergencyContact),
                CallerVoice = known is null,
            };
        }

        var priority = IntakeFlow.PriorityOf(form);
        var ticket = await tickets.SubmitAsync(
            new TicketDraft
            {
                Reporter = reporter,
                Title = form.Title ?? form.Description ?? form.ReporterWords,
                Category = form.FiledCategory ?? "other",
                Priority = priority.Priority,
                PriorityReason = localizer.Get(form.Locale, priority.ReasonKey),
                Description = new TicketDescription { Specific = form.Description ?? form.ReporterWords, Original = form.ReporterWords },
                OccurredAt = form.OccurredAt,
                OccurredAtNote = form.OccurredAtNote,
                AffectedSystem = string.IsNullOrEmpty(form.System) ? null : new AffectedSystem { Name = form.System, Version = form.Version },
                Environment = NullIfEmpty(form.Environment),
                AlreadyTried = NullIfEmpty(form.AlreadyTried),
                ExpectedResolutionAt = form.ExpectedBy,
                // The ticket keeps its own copies: the web chat's upload goes when its conversation does.
                Attachments = files.Keep(form.Attachments, filedFrom),
                ReporterConversation = conversation,
                OnBehalf = filedFor,
                FormId = form.Id,
                OfferedArticles = form.Offered,
            },
            filedFor is null ? new Actor(reporter.Id, reporter.Name) : new Actor(filedFor.FiledById, filedFor.FiledByName));

        var respondBy = tickets.DeadlinesOf(ticket).FirstOrDefault(deadline => deadline.Kind == DeadlineKind.FirstResponse)?.DueAt;
        return (ticket, localizer.Get(
            form.Locale,
            "intake.created",
            ticket.Number,
            localizer.Get(form.Locale, $"priority.{ticket.Priority}"),
            TeamName(ticket.Team, form.Locale),
            respondBy is { } due ? LocalTime(due, form.Locale, flow.ZoneOf(form)) : "—"));
    }

    public string TeamName(string teamKey, string locale) => roster.TeamName(teamKey, locale);

    /// <summary>A time as the reporter reads it: in <paramref name="zone"/> (the desk's when not given), in their language.</summary>
    public string LocalTime(DateTimeOffset at, string locale, TimeZoneInfo? zone = null) =>
        localizer.Time(at, zone ?? flow.Zone, locale, "format.dateTimeWeekday");

    /// <summary>The reporter as the channel identifies them (AAD object id in Teams) with their remembered details.</summary>
    public static Reporter ReporterOf(IntakeForm form, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(activity);
        var profile = form.Profile;
        var name = activity.From?.Name is { Length: > 0 } given ? given : profile.CustomerName ?? "";
        return new Reporter
        {
            Id = ReporterIdOf(activity),
            Kind = form.ReporterKind,
            Name = form.ReporterKind == ReporterKind.Customer ? NullIfEmpty(profile.CustomerName) ?? name : name,
            Locale = form.Locale,
            TimeZone = form.TimeZone is { } zone && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _) ? zone : null,
            EmployeeId = NullIfEmpty(profile.EmployeeId),
            Department = NullIfEmpty(profile.Department),
            Extension = NullIfEmpty(profile.Extension),
            Company = NullIfEmpty(profile.CustomerName),
            CustomerNumber = NullIfEmpty(profile.CustomerNumber),
            Phone = NullIfEmpty(profile.Phone),
        };
    }

    public static string ReporterIdOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.SenderId() ?? throw new InvalidOperationException("The activity names no sender.");
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
