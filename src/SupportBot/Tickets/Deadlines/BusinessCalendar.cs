using System.Collections.Concurrent;

namespace SupportBot.Tickets.Deadlines;

/// <summary>
/// Business time in one time zone: working periods per weekday, holidays, and make-up working days that fall
/// on weekends (调休). A round-the-clock calendar counts every minute. Instants in and out are absolute; the
/// calendar converts each day's local opening hours to instants itself, so a day with a DST change is as long
/// as it really is.
/// </summary>
internal sealed class BusinessCalendar
{
    // Ten years without a single working minute means the configuration is broken, not that the deadline is far.
    private const int MaxDaysSearched = 3660;

    private readonly IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> _week;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _makeUpWorkdays;
    private readonly IReadOnlyList<WorkingPeriod> _makeUpHours;

    // Every deadline of every ticket asks for the same opening and closing instants, and a weekly review computes some
    // 150,000 deadlines: each day's zone conversion is done once. The keys are the days deadlines touch (a few thousand
    // in a decade of tickets), so the memo stays small without an eviction rule.
    private readonly ConcurrentDictionary<(DateOnly Day, TimeSpan TimeOfDay), DateTimeOffset> _instants = new();

    public BusinessCalendar(
        string name,
        TimeZoneInfo timeZone,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>> week,
        IEnumerable<DateOnly> holidays,
        IEnumerable<DateOnly> makeUpWorkdays,
        IReadOnlyList<WorkingPeriod> makeUpHours)
    {
        Name = name;
        TimeZone = timeZone;
        _week = week;
        _holidays = [.. holidays];
        _makeUpWorkdays = [.. makeUpWorkdays];
        _makeUpHours = makeUpHours;
    }

    private BusinessCalendar(string name, TimeZoneInfo timeZone)
        : this(name, timeZone, new Dictionary<DayOfWeek, IReadOnlyList<WorkingPeriod>>(), [], [], [])
    {
        IsRoundTheClock = true;
    }

    public string Name { get; }
    public TimeZoneInfo TimeZone { get; }
    public bool IsRoundTheClock { get; }

    public static BusinessCalendar RoundTheClock(string name, TimeZoneInfo timeZone) => new(name, timeZone);

    public IReadOnlyList<WorkingPeriod> HoursOn(DateOnly day)
    {
        if (IsRoundTheClock)
        {
            return [new WorkingPeriod(TimeSpan.Zero, TimeSpan.FromHours(24))];
        }

        if (_holidays.Contains(day))
        {
            return [];
        }

        return _makeUpWorkdays.Contains(day) ? _makeUpHours : _week.GetValueOrDefault(day.DayOfWeek, []);
    }

    public bool IsWorkingDay(DateOnly day) => HoursOn(day).Count > 0;

    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>The instant <paramref name="amount"/> of business time after <paramref name="start"/>, not counting <paramref name="excluded"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan amount, IReadOnlyList<TimeInterval>? excluded = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        var remaining = amount;
        foreach (var open in CountedIntervalsFrom(start, excluded ?? []))
        {
            if (remaining <= open.Length)
            {
                return open.Start + remaining;
            }

            remaining -= open.Length;
        }

        throw new InvalidOperationException($"Calendar '{Name}' has no working time left after {start:O}.");
    }

    /// <summary>Business time between two instants, not counting <paramref name="excluded"/>.</summary>
    public TimeSpan Measure(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<TimeInterval>? excluded = null)
    {
        var total = TimeSpan.Zero;
        foreach (var open in CountedIntervalsFrom(from, excluded ?? []))
        {
            if (open.Start >= to)
            {
                break;
            }

            total += (open.End < to ? open.End : to) - open.Start;
        }

        return total;
    }

    /// <summary>The close of business on the <paramref name="workingDays"/>-th working day after the day of <paramref name="from"/>.</summary>
    public DateTimeOffset EndOfWorkingDaysAfter(DateTimeOffset from, int workingDays)
    {
        var day = LocalDay(from);
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            counted += IsWorkingDay(day) ? 1 : 0;
        }

        return ToInstant(day, HoursOn(day)[^1].End);
    }

    /// <summary>Working intervals from <paramref name="from"/> on, in order, with the excluded spans cut out.</summary>
    private IEnumerable<TimeInterval> CountedIntervalsFrom(DateTimeOffset from, IReadOnlyList<TimeInterval> excluded)
    {
        foreach (var open in OpenIntervalsFrom(from))
        {
            var pieceStart = open.Start;
            foreach (var pause in excluded)
            {
                if (pause.End <= pieceStart || pause.Start >= open.End)
                {
                    continue;
                }

                if (pause.Start > pieceStart)
                {
                    yield return new TimeInterval(pieceStart, pause.Start);
                }

                pieceStart = pause.End;
            }

            if (pieceStart < open.End)
            {
                yield return new TimeInterval(pieceStart, open.End);
            }
        }
    }

    private IEnumerable<TimeInterval> OpenIntervalsFrom(DateTimeOffset from)
    {
        if (IsRoundTheClock)
        {
            yield return new TimeInterval(from, DateTimeOffset.MaxValue);
            yield break;
        }

        var day = LocalDay(from);
        for (var searched = 0; searched < MaxDaysSearched; searched++, day = day.AddDays(1))
        {
            foreach (var period in HoursOn(day))
            {
                var end = ToInstant(day, period.End);
                if (end > from)
                {
                    var start = ToInstant(day, period.Start);
                    yield return new TimeInterval(start > from ? start : from, end);
                }
            }
        }
    }

    /// <summary>The instant a local wall-clock time happens; a time skipped by a DST jump moves to when the clock resumes.</summary>
    private DateTimeOffset ToInstant(DateOnly day, TimeSpan timeOfDay) =>
        _instants.TryGetValue((day, timeOfDay), out var known) ? known : _instants.GetOrAdd((day, timeOfDay), key => Convert(key.Day, key.TimeOfDay));

    private DateTimeOffset Convert(DateOnly day, TimeSpan timeOfDay)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + timeOfDay;
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}
