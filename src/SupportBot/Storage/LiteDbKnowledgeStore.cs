using System.Globalization;
using LiteDB;
using SupportBot.Common;
using SupportBot.Knowledge;

namespace SupportBot.Storage;

/// <summary>
/// Knowledge articles in the same LiteDB file as the tickets. Inside a turn a save joins the turn's transaction;
/// outside one (jobs, the import endpoint) it is committed on its own through the commit queue. Listeners (the
/// search index) hear of a save only after it committed.
/// </summary>
/// <remarks>
/// Every save takes the next change sequence. A sequence is "in flight" from the save until its commit or rollback;
/// listeners are told the highest sequence below which nothing is in flight, so an index that remembers it can
/// catch up after a crash by reading only what changed after it.
/// </remarks>
internal sealed class LiteDbKnowledgeStore : IKnowledgeStore
{
    private const string CollectionName = "articles";
    private const string IdPrefix = "KB-";

    private readonly ILiteDatabase _database;
    private readonly LiteDbCommitQueue _commits;
    private readonly IEnumerable<IKnowledgeChangeListener> _listeners;
    private readonly Lock _sequenceLock = new();
    private readonly SortedSet<long> _inFlight = [];
    private long _lastSequence;
    private long _lastNumber;

    public LiteDbKnowledgeStore(ILiteDatabase database, LiteDbCommitQueue commits, IEnumerable<IKnowledgeChangeListener> listeners)
    {
        _database = database;
        _commits = commits;
        _listeners = listeners;
        LiteDbCollections.Existing(database, CollectionName);
        Articles.EnsureIndex(nameof(KnowledgeArticle.Sequence));
        // LiteDB's Max throws on an empty collection.
        var articles = Articles;
        if (articles.Count() > 0)
        {
            _lastSequence = articles.Max(nameof(KnowledgeArticle.Sequence)).AsInt64;
            _lastNumber = NumberOf(articles.Max("_id").AsString);
        }
    }

    // Per call, never kept: the database may be reopened after a storage fault (ReopenableLiteDatabase).
    private ILiteCollection<KnowledgeArticle> Articles => _database.GetCollection<KnowledgeArticle>(CollectionName);

    public KnowledgeArticle? Find(string id) => Articles.ByKey(id);

    public async Task<KnowledgeArticle?> SaveAsync(KnowledgeArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var isNew = article.Id.Length == 0;
        var stored = isNew ? null : Articles.ByKey(article.Id);
        if (!isNew && stored?.Version != article.Version)
        {
            return null;
        }

        var saved = await CommitAsync([article], write: article =>
        {
            if (!isNew && Articles.ByKey(article.Id)?.Version != stored!.Version)
            {
                throw new BotFramework.State.StorageConflictException($"Article {article.Id} changed before this save committed.");
            }

            Articles.Upsert(article);
        });
        return saved[0];
    }

    public Task<IReadOnlyList<KnowledgeArticle>> ImportAsync(IReadOnlyList<KnowledgeArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        if (articles.Any(article => article.Id.Length > 0))
        {
            throw new ArgumentException("Imported articles get their ids from the store.", nameof(articles));
        }

        return CommitAsync(articles, write: article => Articles.Insert(article));
    }

    public IEnumerable<KnowledgeArticle> All() => Articles.Query().OrderBy("_id").ToEnumerable();

    public IEnumerable<KnowledgeArticle> ChangedSince(long sequence) =>
        Articles.Query().Where(LiteFilter.Where.Gt(nameof(KnowledgeArticle.Sequence), sequence).Expression()).OrderBy(nameof(KnowledgeArticle.Sequence)).ToEnumerable();

    /// <summary>Numbers, versions and sequences the articles, writes them in one transaction and tells the listeners after it.</summary>
    private async Task<IReadOnlyList<KnowledgeArticle>> CommitAsync(IReadOnlyList<KnowledgeArticle> articles, Action<KnowledgeArticle> write)
    {
        List<KnowledgeArticle> numbered;
        lock (_sequenceLock)
        {
            numbered = [.. articles.Select(article => article with
            {
                Id = article.Id.Length > 0 ? article.Id : IdOf(++_lastNumber),
                Version = article.Version + 1,
                Sequence = ++_lastSequence,
            })];
            foreach (var article in numbered)
            {
                _inFlight.Add(article.Sequence);
            }
        }

        void Write()
        {
            foreach (var article in numbered)
            {
                write(article);
            }
        }

        if (TurnWork.Current is { } work)
        {
            work.Write(Write);
            work.AfterCommit(() => Done(numbered, committed: true));
            work.OnRollback(() => Done(numbered, committed: false));
            return numbered;
        }

        try
        {
            await _commits.EnqueueAsync(() => { Write(); return true; });
        }
        catch
        {
            Done(numbered, committed: false);
            throw;
        }

        Done(numbered, committed: true);
        return numbered;
    }

    private void Done(IReadOnlyList<KnowledgeArticle> articles, bool committed)
    {
        long complete;
        lock (_sequenceLock)
        {
            foreach (var article in articles)
            {
                _inFlight.Remove(article.Sequence);
            }

            complete = _inFlight.Count > 0 ? _inFlight.Min - 1 : _lastSequence;
        }

        if (committed)
        {
            foreach (var listener in _listeners)
            {
                listener.Committed(articles, complete);
            }
        }
    }

    private static string IdOf(long number) => IdPrefix + number.ToString("D6", CultureInfo.InvariantCulture);

    private static long NumberOf(string id) =>
        id.StartsWith(IdPrefix, StringComparison.Ordinal) && long.TryParse(id.AsSpan(IdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
}
