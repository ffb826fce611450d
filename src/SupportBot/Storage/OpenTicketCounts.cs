using System.Collections.Concurrent;
using SupportBot.Tickets;

namespace SupportBot.Storage;

/// <summary>
/// Open tickets per team and assignee, kept in memory for least-loaded routing: counted once from the file when
/// the store opens (this process owns the file), then moved by every saved change. Without it every submission
/// would read all of a team's open tickets.
/// </summary>
internal sealed class OpenTicketCounts
{
    private readonly ConcurrentDictionary<(string Team, string Assignee), int> _counts = new();

    public OpenTicketCounts(IEnumerable<(string Team, string? Assignee)> openTickets)
    {
        foreach (var (team, assignee) in openTickets)
        {
            if (assignee is not null)
            {
                _counts.AddOrUpdate((team, assignee), 1, (_, count) => count + 1);
            }
        }
    }

    public IReadOnlyDictionary<string, int> For(string team) =>
        _counts.Where(entry => entry.Key.Team == team && entry.Value > 0).ToDictionary(entry => entry.Key.Assignee, entry => entry.Value);

    /// <summary>Moves the counts from what a ticket was (null when new) to what it is now.</summary>
    public void Saved(Ticket? before, Ticket after)
    {
        if (Counted(before) is { } was)
        {
            _counts.AddOrUpdate(was, 0, (_, count) => count - 1);
        }

        if (Counted(after) is { } now)
        {
            _counts.AddOrUpdate(now, 1, (_, count) => count + 1);
        }
    }

    private static (string, string)? Counted(Ticket? ticket) =>
        ticket is { Assignee: { } assignee } && TicketStatuses.Open.Contains(ticket.Status) ? (ticket.Team, assignee) : null;
}
