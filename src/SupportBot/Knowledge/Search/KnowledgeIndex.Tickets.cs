using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SupportBot.Tickets;

namespace SupportBot.Knowledge.Search;

/// <summary>
/// The tickets in the index, for similar-ticket search: queued as they change and indexed before the next ticket search
/// (or the periodic commit), so saving a ticket costs a turn nothing.
/// </summary>
internal sealed partial class KnowledgeIndex
{
    private readonly System.Threading.Lock _ticketLock = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<Ticket> _pendingTickets = new();

    public IReadOnlyList<SimilarTicket> SimilarTickets(Ticket ticket, int top)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var (text, slots) = Searched(ticket);
        var terms = _analyzer.Terms(text).Take(MaxQueryTerms).ToList();
        var filter = new BooleanQuery
        {
            { new TermQuery(new Term(KnowledgeFields.Team, ticket.Team)), Occur.MUST },
            { new TermQuery(new Term(KnowledgeFields.Id, ticket.Number)), Occur.MUST_NOT },
        };
        return Find(KnowledgeFields.TicketKind, terms, slots, top, filter, (document, score, known) => new SimilarTicket(
            document.Get(KnowledgeFields.Id, CultureInfo.InvariantCulture),
            document.Get(KnowledgeFields.Title, CultureInfo.InvariantCulture),
            Confidence(document, known, slots),
            new DateTimeOffset(document.GetField(KnowledgeFields.Submitted).GetInt64Value() ?? 0, TimeSpan.Zero)));
    }

    /// <summary>A ticket created or changed: indexed before the next search, so saving a ticket costs a turn nothing.</summary>
    public void Changed(Ticket ticket) => _pendingTickets.Enqueue(ticket);

    /// <summary>Indexes the newest tickets when the index has none (a new or rebuilt folder); later ones arrive as they change.</summary>
    public int CatchUpTickets(IEnumerable<Ticket> recent)
    {
        ArgumentNullException.ThrowIfNull(recent);
        var searcher = _searchers.Acquire();
        try
        {
            if (searcher.Search(new TermQuery(new Term(KnowledgeFields.Kind, KnowledgeFields.TicketKind)), 1).TotalHits > 0)
            {
                return 0;
            }
        }
        finally
        {
            _searchers.Release(searcher);
        }

        var count = 0;
        foreach (var ticket in recent)
        {
            Changed(ticket);
            count++;
        }

        IndexPendingTickets();
        return count;
    }

    /// <summary>Indexes the tickets changed since the last call; the index's host calls it every second, a similar-ticket search first.</summary>
    public void IndexPendingTickets()
    {
        if (_pendingTickets.IsEmpty)
        {
            return;
        }

        lock (_ticketLock)
        {
            var any = false;
            while (_pendingTickets.TryDequeue(out var ticket))
            {
                // A ticket of an old layout (a migrated journal) may lack what is searched; it is left out, not fatal.
                if (ticket.Description?.Specific is null || ticket.Title is null || ticket.Reporter is null)
                {
                    continue;
                }

                _writer.UpdateDocument(new Term(KnowledgeFields.Id, ticket.Number), KnowledgeDocuments.Of(ticket, Searched(ticket).Slots, _analyzer));
                any = true;
            }

            if (any)
            {
                _dirty = true;
                _searchers.MaybeRefreshBlocking();
            }
        }
    }

    /// <summary>What of a ticket is searched, and its slots: the same when it is indexed and when it is the query.</summary>
    private (string Text, SearchSlots Slots) Searched(Ticket ticket)
    {
        var text = $"{ticket.Title}\n{ticket.Description.Specific}";
        return (text, _slots.Of(text, ticket.Reporter.Locale, ticket.AffectedSystem?.Name));
    }
}
