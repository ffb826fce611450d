namespace SupportBot.Tickets.Numbering;

/// <summary>
/// Hands out each day's ticket serials without holding anything across a commit: the next free serial is taken at
/// once, and a creation that rolls back gives its serial back to be taken again by the next one. That is safe
/// because a turn's replies wait for its commit, so a rolled-back number was never told to anyone; and it leaves no
/// gap. After a crash the serials that were taken but never committed are found as holes below the day's last
/// committed serial and handed out first. One process only: several instances on one database share their serials
/// through the database instead (Storage/Postgres/PgTicketSerials).
/// </summary>
/// <param name="load">The day's last committed serial and every serial committed that day (read once per day).</param>
internal sealed class DailySerials(Func<DateOnly, (int Last, IReadOnlyCollection<int> Taken)> load)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<DateOnly, Day> _days = [];

    public int Take(DateOnly day)
    {
        lock (_lock)
        {
            var state = Of(day);
            var serial = state.Free.Count > 0 ? state.Free.Min : ++state.Last;
            state.Free.Remove(serial);
            return serial;
        }
    }

    /// <summary>A serial whose creation did not commit: the next creation of that day takes it.</summary>
    public void GiveBack(DateOnly day, int serial)
    {
        lock (_lock)
        {
            if (_days.TryGetValue(day, out var state))
            {
                state.Free.Add(serial);
            }
        }
    }

    private Day Of(DateOnly day)
    {
        if (_days.TryGetValue(day, out var state))
        {
            return state;
        }

        var (last, taken) = load(day);
        var committed = taken.ToHashSet();
        state = new Day { Last = last, Free = [.. Enumerable.Range(1, last).Where(serial => !committed.Contains(serial))] };

        // Only today and yesterday are ever numbered (the ticket time zone's date); older days are forgotten.
        foreach (var old in _days.Keys.Where(known => known < day.AddDays(-1)).ToList())
        {
            _days.Remove(old);
        }

        _days[day] = state;
        return state;
    }

    private sealed class Day
    {
        public int Last { get; set; }

        public required SortedSet<int> Free { get; init; }
    }
}
