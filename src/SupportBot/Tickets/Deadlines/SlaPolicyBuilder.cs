using System.Globalization;

namespace SupportBot.Tickets.Deadlines;

/// <summary>
/// Turns <see cref="SlaOptions"/> into a <see cref="SlaPolicy"/>, collecting one message per bad value, each
/// naming its configuration key. The options validator and the policy factory share it, so what is validated
/// is exactly what is built.
/// </summary>
internal static class SlaPolicyBuilder
{
    private const string Section = SlaOptions.SectionName;

    /// <summary>Seed 004: when information is missing, the reporter is contacted within one hour.</summary>
    private static readonly TimeSpan DefaultContactReporter = TimeSpan.FromHours(1);

    public static SlaPolicy? TryBuild(SlaOptions options, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;

        if (options.NudgeAt is <= 0 or >= 1 || double.IsNaN(options.NudgeAt))
        {
            errors.Add($"{Section}:NudgeAt must be a fraction between 0 and 1 (e.g. 0.75), not {options.NudgeAt.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (options.ArchiveAfterWorkingDays is < 1 or > 365)
        {
            errors.Add($"{Section}:ArchiveAfterWorkingDays must be between 1 and 365.");
        }

        var calendars = new Dictionary<string, BusinessCalendar>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, calendar) in options.Calendars)
        {
            if (BuildCalendar(name, calendar, errors) is { } built)
            {
                calendars[name] = built;
            }
        }

        // A calendar that exists but is broken has been reported already; its users need not be reported as well.
        bool IsUnknown(string? name) => name is null || !options.Calendars.ContainsKey(name);

        var spans = new Dictionary<Priority, DeadlineSpans>();
        var priorityCalendars = new Dictionary<Priority, BusinessCalendar>();
        foreach (var priority in Enum.GetValues<Priority>())
        {
            var key = priority.Key();
            if (!options.Deadlines.TryGetValue(key, out var table))
            {
                errors.Add($"{Section}:Deadlines:{key} is missing: every priority needs its deadlines.");
            }
            else if (BuildSpans($"{Section}:Deadlines:{key}", table, errors) is { } built)
            {
                spans[priority] = built;
            }

            var calendarName = options.PriorityCalendars.GetValueOrDefault(key);
            if (calendarName is not null && calendars.TryGetValue(calendarName, out var calendarForPriority))
            {
                priorityCalendars[priority] = calendarForPriority;
            }
            else if (IsUnknown(calendarName))
            {
                errors.Add($"{Section}:PriorityCalendars:{key} must name one of the calendars under {Section}:Calendars, not '{calendarName}'.");
            }
        }

        if (!calendars.TryGetValue(options.ArchiveCalendar, out var archiveCalendar) && IsUnknown(options.ArchiveCalendar))
        {
            errors.Add($"{Section}:ArchiveCalendar must name one of the calendars under {Section}:Calendars, not '{options.ArchiveCalendar}'.");
        }

        return errors.Count > before
            ? null
            : new SlaPolicy(options.NudgeAt, spans, priorityCalendars, archiveCalendar!, options.ArchiveAfterWorkingDays);
    }

    private static DeadlineSpans? BuildSpans(string path, DeadlineSpanOptions table, List<string> errors)
    {
        TimeSpan Required(string name, string? text)
        {
            if (DurationText.TryParse(text, out var span))
            {
                return span;
            }

            errors.Add($"{path}:{name} must be a positive duration such as 00:15:00, 15m or 4h, not '{text}'.");
            return TimeSpan.Zero;
        }

        var before = errors.Count;
        var spans = new DeadlineSpans(
            Required("firstResponse", table.FirstResponse),
            Required("assignment", table.Assignment),
            Required("engineerResponse", table.EngineerResponse),
            string.IsNullOrWhiteSpace(table.Escalation) ? null : Required("escalation", table.Escalation),
            table.ReporterAnswer is not null || table.InformationRequest is null
                ? Required("reporterAnswer", table.ReporterAnswer)
                : Required("informationRequest", table.InformationRequest),
            Required("verification", table.Verification),
            string.IsNullOrWhiteSpace(table.ContactReporter) ? DefaultContactReporter : Required("contactReporter", table.ContactReporter));
        return errors.Count > before ? null : spans;
    }

    private static BusinessCalendar? BuildCalendar(string name, CalendarOptions options, List<string> errors)
    {
        var path = $"{Section}:Calendars:{name}";
        var before = errors.Count;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out var zone))
        {
            errors.Add($"{path}:TimeZone '{options.TimeZone}' is not a known time zone (use an IANA id such as Asia/Shanghai).");
            return null;
        }

        if (options.RoundTheClock)
        {
            return BusinessCalendar.RoundTheClock(name, zone);
        }

        var week = new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>();
        foreach (var (dayName, periods) in options.WorkingHours)
        {
            if (!Enum.TryParse<DayOfWeek>(dayName, ignoreCase: true, out var day))
            {
                errors.Add($"{path}:WorkingHours:{dayName} is not a weekday name (Monday … Sunday).");
                continue;
            }

            week[day] = ParsePeriods($"{path}:WorkingHours:{dayName}", periods, errors);
        }

        if (week.Values.All(periods => periods.Count == 0))
        {
            errors.Add($"{path}:WorkingHours must give opening hours for at least one weekday, or set RoundTheClock.");
        }

        var holidays = ParseDates($"{path}:Holidays", options.Holidays, errors);
        var makeUpDays = ParseDates($"{path}:MakeUpWorkdays", options.MakeUpWorkdays, errors);
        var makeUpHours = options.MakeUpWorkdayHours.Count > 0
            ? ParsePeriods($"{path}:MakeUpWorkdayHours", options.MakeUpWorkdayHours, errors)
            : week.GetValueOrDefault(DayOfWeek.Monday, []);
        if (makeUpDays.Count > 0 && makeUpHours.Count == 0)
        {
            errors.Add($"{path}:MakeUpWorkdayHours is needed when Monday has no hours to borrow for make-up working days.");
        }

        return errors.Count > before ? null : new BusinessCalendar(name, zone, week, holidays, makeUpDays, makeUpHours);
    }

    private static List<WorkingPeriod> ParsePeriods(string path, List<string> texts, List<string> errors)
    {
        var periods = new List<WorkingPeriod>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (!WorkingPeriod.TryParse(texts[i], out var period))
            {
                errors.Add($"{path}:{i} must look like 09:00-12:00 with the start before the end, not '{texts[i]}'.");
            }
            else if (periods.Count > 0 && period.Start < periods[^1].End)
            {
                errors.Add($"{path}:{i} '{texts[i]}' must start after the previous period ends.");
            }
            else
            {
                periods.Add(period);
            }
        }

        return periods;
    }

    private static List<DateOnly> ParseDates(string path, List<string> texts, List<string> errors)
    {
        var dates = new List<DateOnly>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (DateOnly.TryParseExact(texts[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                dates.Add(date);
            }
            else
            {
                errors.Add($"{path}:{i} must be a date written yyyy-MM-dd, not '{texts[i]}'.");
            }
        }

        return dates;
    }
}
