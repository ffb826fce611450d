using LiteDB;
using SupportBot.Knowledge;

namespace SupportBot.Storage;

/// <summary>
/// Knowledge articles in the same LiteDB file as the tickets. Inside a turn a save joins the turn's transaction;
/// outside one (jobs, the import endpoint) it is committed on its own through the commit queue. Listeners (the
/// search index) hear of a save only after it committed (<see cref="KnowledgeChanges"/>).
/// </summary>
internal sealed class LiteDbKnowledgeStore : IKnowledgeStore
{
    private const string CollectionName = "articles";

    private readonly ILiteDatabase _database;
    private readonly LiteDbCommitQueue _commits;
    private readonly KnowledgeChanges _changes;

    public LiteDbKnowledgeStore(ILiteDatabase database, LiteDbCommitQueue commits, IEnumerable<IKnowledgeChangeListener> listeners)
    {
        _database = database;
        _commits = commits;
        LiteDbCollections.Existing(database, CollectionName);
        Articles.EnsureIndex(nameof(KnowledgeArticle.Sequence));
        // LiteDB's Max throws on an empty collection.
        var articles = Articles;
        var (lastSequence, lastId) = articles.Count() > 0
            ? (articles.Max(nameof(KnowledgeArticle.Sequence)).AsInt64, articles.Max("_id").AsString)
            : (0L, null);
        _changes = new KnowledgeChanges(listeners, lastSequence, new ProcessKnowledgeNumbers(lastSequence, lastId));
    }

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

        var saved = await _changes.CommitAsync([article], write: article =>
        {
            if (!isNew && Articles.ByKey(article.Id)?.Version != stored!.Version)
            {
                throw new BotFramework.State.StorageConflictException($"Article {article.Id} changed before this save committed.");
            }

            Articles.Upsert(article);
        }, CommitAlone);
        return saved[0];
    }

    public Task<IReadOnlyList<KnowledgeArticle>> ImportAsync(IReadOnlyList<KnowledgeArticle> articles)
    {
        return _changes.ImportAsync(articles, write: article => Articles.Insert(article), CommitAlone);
    }

    public IEnumerable<KnowledgeArticle> All() => All(_database);

    /// <summary>Every article by id, as stored: also what a move to another engine copies (before any store is made).</summary>
    internal static IEnumerable<KnowledgeArticle> All(ILiteDatabase database) =>
        database.GetCollection<KnowledgeArticle>(CollectionName).Query().OrderBy("_id").ToEnumerable();

    public IEnumerable<KnowledgeArticle> ChangedSince(long sequence) =>
        Articles.Query().Where(LiteFilter.Where.Gt(nameof(KnowledgeArticle.Sequence), sequence).Expression()).OrderBy(nameof(KnowledgeArticle.Sequence)).ToEnumerable();

    private Task CommitAlone(Action write) => _commits.EnqueueAsync(() => { write(); return true; });
}
