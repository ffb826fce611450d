using SupportBot.Common;
using SupportBot.Tickets;

namespace SupportBot.Storage;

/// <summary>
/// One change of a ticket at a time in this process, from its version check to its commit: a turn holds the ticket's
/// stripe until the turn ends (its commit decided), a change outside a turn until it returns. Without it two turns
/// would both pass the check against the committed version and the second would only fail at its commit.
/// </summary>
internal sealed class TicketChangeLocks : IDisposable
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Takes the stripe of <paramref name="number"/> (not again when <paramref name="work"/> holds it); dispose to end the check.</summary>
    public IDisposable Hold(TurnWork? work, string number)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(number) % (uint)_stripes.Length)];
        var held = work is null ? null : Held(work);
        var taken = held?.Add(stripe) != false;
        if (taken)
        {
            stripe.Wait();
        }

        return new Release(taken ? stripe : null, work);
    }

    /// <summary>
    /// Why <paramref name="changed"/> may not be saved over <paramref name="stored"/> (not found, or a conflict with the
    /// version stored now), or null when it may. History may only grow: a change that rewrites it is a programming error.
    /// </summary>
    public static TicketUpdate? Refusal(Ticket? stored, Ticket changed)
    {
        if (stored is null)
        {
            return new TicketUpdate(TicketUpdateOutcome.NotFound, null);
        }

        if (stored.Version != changed.Version)
        {
            return new TicketUpdate(TicketUpdateOutcome.Conflict, stored);
        }

        if (changed.History.Count < stored.History.Count || !stored.History.SequenceEqual(changed.History.Take(stored.History.Count)))
        {
            throw new InvalidOperationException($"Ticket {changed.Number}: history is append-only and may not be rewritten.");
        }

        return null;
    }

    public void Dispose()
    {
        foreach (var stripe in _stripes)
        {
            stripe.Dispose();
        }
    }

    private HashSet<SemaphoreSlim> Held(TurnWork work)
    {
        var key = (this, "held");
        if (!work.Items.TryGetValue(key, out var value))
        {
            value = new HashSet<SemaphoreSlim>();
            work.Items[key] = value;
        }

        return (HashSet<SemaphoreSlim>)value;
    }

    private sealed class Release(SemaphoreSlim? stripe, TurnWork? work) : IDisposable
    {
        public void Dispose()
        {
            if (stripe is null)
            {
                return;
            }

            if (work is null)
            {
                stripe.Release();
            }
            else
            {
                work.AtEnd(() => stripe.Release());
            }
        }
    }
}
