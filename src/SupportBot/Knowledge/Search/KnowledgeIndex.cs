using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SupportBot.Localization;
using SupportBot.Tickets;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SupportBot.Knowledge.Search;

/// <summary>
/// The articles' search index: Lucene in a folder of its own, derived from the store and never the source of truth.
/// Saves reach it after they commit (<see cref="IKnowledgeChangeListener"/>); each Lucene commit records the store's
/// change sequence it is complete up to, so a restart indexes only what changed after that (a crash between a save
/// and the next index commit costs a few re-indexed articles, never a full rebuild). A missing or damaged folder is
/// rebuilt from the store.
/// </summary>
internal sealed partial class KnowledgeIndex : IKnowledgeSearch, IKnowledgeChangeListener, ITicketChangeListener, IDisposable
{
    private const string SequenceKey = "sequence";
    private const int MaxQueryTerms = 200;
    private const int SnippetLength = 160;

    private readonly BilingualAnalyzer _analyzer = new();
    private readonly KnowledgeSlots _slots;
    private readonly ILogger _log;
    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _commitLock = new();
    private long _complete;
    private readonly System.Threading.Lock _disposeLock = new();
    private bool _disposed;
    private bool _dirty;

    public KnowledgeIndex(string folder, KnowledgeSlots slots, ILogger<KnowledgeIndex> log)
    {
        _slots = slots;
        _log = log;
        (_directory, _writer) = Open(folder, log);
        _complete = _writer.CommitData.TryGetValue(SequenceKey, out var sequence) && long.TryParse(sequence, out var parsed) ? parsed : 0;
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25Searchers());
    }

    /// <summary>The store's change sequence the index has everything up to.</summary>
    public long Complete => Interlocked.Read(ref _complete);

    public int Count => _writer.NumDocs;

    /// <summary>How many articles the last catch-up indexed: all of them only for a new or rebuilt folder.</summary>
    public int LastCatchUp { get; private set; }

    /// <summary>Indexes what the store changed after <see cref="Complete"/> (everything, for a new folder) and commits.</summary>
    public int CatchUp(IEnumerable<KnowledgeArticle> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var count = 0;
        var last = Complete;
        foreach (var article in changed)
        {
            Add(article);
            last = Math.Max(last, article.Sequence);
            count++;
        }

        Advance(last);
        _searchers.MaybeRefreshBlocking();
        Commit();
        LastCatchUp = count;
        return count;
    }

    public void Committed(IReadOnlyList<KnowledgeArticle> saved, long complete)
    {
        ArgumentNullException.ThrowIfNull(saved);
        foreach (var article in saved)
        {
            Add(article);
        }

        Advance(complete);
        _searchers.MaybeRefreshBlocking();

        // A large import is worth a commit at once; single saves wait for the periodic one (KnowledgeIndexHost).
        if (saved.Count >= 100)
        {
            Commit();
        }
    }

    /// <summary>Makes what is indexed durable, with the sequence it is complete up to.</summary>
    public void Commit()
    {
        IndexPendingTickets();
        lock (_commitLock)
        {
            if (!_dirty && _writer.CommitData.ContainsKey(SequenceKey))
            {
                return;
            }

            _writer.SetCommitData(new Dictionary<string, string> { [SequenceKey] = Complete.ToString(CultureInfo.InvariantCulture) });
            _writer.Commit();
            _dirty = false;
        }
    }

    public IReadOnlyList<KnowledgeHit> Search(string text, string locale, int top)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slots = _slots.Of(text, Localizer.Normalize(locale));
        var terms = _analyzer.Terms(text).Take(MaxQueryTerms).ToList();
        return Find(KnowledgeFields.ArticleKind, terms, slots, top, filter: null, (document, score, known) => HitOf(document, score, known, slots));
    }

    private List<T> Find<T>(string kind, IReadOnlyList<string> terms, SearchSlots slots, int top, BooleanQuery? filter, Func<Document, float, IReadOnlyList<string>, T> hit)
    {
        if (kind == KnowledgeFields.TicketKind)
        {
            // Only a search for tickets needs the newest ones; an article search during intake must not pay for
            // indexing every ticket filed since the last one (a segment flush and a reader reopen per search).
            IndexPendingTickets();
        }

        var searcher = _searchers.Acquire();
        try
        {
            // Words no document has say nothing either way ("very"): confidence is the share of the others an article has.
            var (words, known) = KnowledgeQuery.Build(terms, slots, _analyzer, searcher.TopReaderContext);
            if (words.Clauses.Count == 0)
            {
                return [];
            }

            var query = new BooleanQuery
            {
                { new TermQuery(new Term(KnowledgeFields.Kind, kind)), Occur.MUST },
                { words, Occur.MUST },
            };
            foreach (var clause in filter?.Clauses ?? [])
            {
                query.Add(clause);
            }

            return [.. searcher.Search(query, top).ScoreDocs.Select(found => hit(searcher.Doc(found.Doc), found.Score, known))];
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        // Registered under several interfaces, so the container disposes it more than once; a second caller waits
        // until the first has closed the index, so "disposed" always means the folder is no longer written.
        lock (_disposeLock)
        {
            if (_disposed)
            {
                return;
            }

            // Whatever goes wrong here must not stop the container disposing the rest (the database file above all):
            // the index is derived data, and the next start catches up from its last commit.
            Try(Commit);
            Try(_searchers.Dispose);
            Try(_writer.Dispose);
            Try(_directory.Dispose);
            Try(_analyzer.Dispose);
            _disposed = true;
        }
    }

    private void Add(KnowledgeArticle article)
    {
        var text = article.Text;
        var slots = _slots.Of($"{text.Title}\n{text.Problem}", article.Language, text.System);
        _writer.UpdateDocument(new Term(KnowledgeFields.Id, article.Id), KnowledgeDocuments.Of(article, slots, _analyzer));
        _dirty = true;
    }

    private void Try(Action step)
    {
        try
        {
            step();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            DisposeFailed(_log, error);
        }
    }

    private void Advance(long complete)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref _complete);
            if (complete <= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _complete, complete, seen) != seen);
        _dirty = true;
    }

    private static double Confidence(Document document, IReadOnlyList<string> terms, SearchSlots slots) => KnowledgeQuery.Confidence(
        terms,
        document.Get(KnowledgeFields.Terms, CultureInfo.InvariantCulture)?.Split(' ') ?? [],
        slots,
        document.Get(KnowledgeFields.System, CultureInfo.InvariantCulture),
        document.Get(KnowledgeFields.Code, CultureInfo.InvariantCulture));

    private static KnowledgeHit HitOf(Document document, float score, IReadOnlyList<string> terms, SearchSlots slots)
    {
        var title = document.Get(KnowledgeFields.Title, CultureInfo.InvariantCulture);
        var problem = document.Get(KnowledgeFields.Problem, CultureInfo.InvariantCulture) ?? "";
        var system = document.Get(KnowledgeFields.System, CultureInfo.InvariantCulture);
        var confidence = Confidence(document, terms, slots);
        var snippet = problem.Length <= SnippetLength ? problem : problem[..SnippetLength] + "…";
        return new KnowledgeHit(document.Get(KnowledgeFields.Id, CultureInfo.InvariantCulture), title, score, confidence, system, document.Get(KnowledgeFields.Ticket, CultureInfo.InvariantCulture), snippet, document.Get(KnowledgeFields.Language, CultureInfo.InvariantCulture));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the knowledge index failed; the next start catches up from its last commit")]
    private static partial void DisposeFailed(ILogger logger, Exception error);
}
