namespace SupportBot.Tickets.Numbering;

/// <summary>
/// Hands out each day's ticket serials without holding anything across a commit: the next free serial is taken at
/// once, and a creation that rolls back gives its serial back to be taken again by the next one. That is safe
/// because a turn's replies wait for its commit, so a rolled-back number was never told to anyone; and it leaves no
/// gap. After a crash the serials that were taken but never committed are found as holes below the day's last
/// committed serial and handed out first.
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
            state.InFlight.Add(serial);
            return serial;
        }
    }

    /// <summary>A serial whose creation did not commit: the next creation of that day takes it.</summary>
    /// <remarks>A day not known (forgotten) ignores it: reading the day again finds every serial not committed.</remarks>
    public void GiveBack(DateOnly day, int serial)
    {
        lock (_lock)
        {
            if (_days.TryGetValue(day, out var state) && state.InFlight.Remove(serial))
            {
                state.Free.Add(serial);
            }
        }
    }

    /// <summary>The serial's creation committed: it is no longer in flight (needed only where <see cref="Forget"/> is used).</summary>
    public void Landed(DateOnly day, int serial)
    {
        lock (_lock)
        {
            if (_days.TryGetValue(day, out var state))
            {
                state.InFlight.Remove(serial);
            }
        }
    }

    /// <summary>
    /// Marks what is known of <paramref name="day"/> stale, so the next take reads it again: another instance sharing
    /// the database committed a serial this one thought free. Serials still in flight here stay taken.
    /// </summary>
    public void Forget(DateOnly day)
    {
        lock (_lock)
        {
            if (_days.TryGetValue(day, out var state))
            {
                state.Stale = true;
            }
        }
    }

    private Day Of(DateOnly day)
    {
        if (_days.TryGetValue(day, out var state) && !state.Stale)
        {
            return state;
        }

        var inFlight = state?.InFlight ?? [];
        var (last, taken) = load(day);
        var committed = taken.ToHashSet();
        last = Math.Max(last, inFlight.Count == 0 ? 0 : inFlight.Max());
        state = new Day { Last = last, Free = [.. Enumerable.Range(1, last).Where(serial => !committed.Contains(serial) && !inFlight.Contains(serial))], InFlight = inFlight };

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

        /// <summary>Taken and neither given back nor landed: not free, whatever a new reading of the day says.</summary>
        public HashSet<int> InFlight { get; init; } = [];

        public bool Stale { get; set; }
    }
}
