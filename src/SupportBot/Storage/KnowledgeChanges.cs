using System.Globalization;
using SupportBot.Common;
using SupportBot.Knowledge;

namespace SupportBot.Storage;

/// <summary>
/// How the knowledge store numbers and announces saves, whichever engine keeps the articles: every save takes the next
/// id (new articles), version and change sequence; a sequence is "in flight" from the save until its commit or
/// rollback, and listeners (the search index) are told, after a commit, the highest sequence below which nothing is in
/// flight, so an index that remembers it can catch up after a crash by reading only what changed after it.
/// </summary>
/// <remarks>
/// The numbers come from <see cref="IKnowledgeNumbers"/>: this process's counters on LiteDB (one process per file), the
/// database's sequences on PostgreSQL, so that instances sharing it never give one id or sequence twice. A number whose
/// save rolls back is not reused (an article id is never handed out twice, even to a save that did not land).
/// </remarks>
internal sealed class KnowledgeChanges(IEnumerable<IKnowledgeChangeListener> listeners, long lastSequence, IKnowledgeNumbers numbers)
{
    private const string IdPrefix = "KB-";

    private readonly Lock _lock = new();
    private readonly SortedSet<long> _inFlight = [];
    private long _lastSequence = lastSequence;

    /// <summary>
    /// Numbers <paramref name="articles"/> and writes them with <paramref name="write"/> (run in the engine's transaction):
    /// in the current turn's, or committed alone through <paramref name="commitAlone"/>. The listeners hear of them after it.
    /// </summary>
    public async Task<IReadOnlyList<KnowledgeArticle>> CommitAsync(IReadOnlyList<KnowledgeArticle> articles, Action<KnowledgeArticle> write, Func<Action, Task> commitAlone)
    {
        ArgumentNullException.ThrowIfNull(commitAlone);
        var numbered = Number(articles);
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
            await commitAlone(Write);
        }
        catch
        {
            Done(numbered, committed: false);
            throw;
        }

        Done(numbered, committed: true);
        return numbered;
    }

    /// <summary>Like <see cref="CommitAsync"/> for articles new to the store: they get their ids from it.</summary>
    public Task<IReadOnlyList<KnowledgeArticle>> ImportAsync(IReadOnlyList<KnowledgeArticle> articles, Action<KnowledgeArticle> write, Func<Action, Task> commitAlone)
    {
        ArgumentNullException.ThrowIfNull(articles);
        if (articles.Any(article => article.Id.Length > 0))
        {
            throw new ArgumentException("Imported articles get their ids from the store.", nameof(articles));
        }

        return CommitAsync(articles, write, commitAlone);
    }

    private List<KnowledgeArticle> Number(IReadOnlyList<KnowledgeArticle> articles)
    {
        // Taken and marked in flight under one lock: a sequence taken but not yet in flight would let a save that took a
        // later one report everything below it complete.
        lock (_lock)
        {
            var (ids, sequences) = numbers.Take(articles.Count(article => article.Id.Length == 0), articles.Count);
            var nextId = 0;
            List<KnowledgeArticle> numbered = [.. articles.Select((article, i) => article with
            {
                Id = article.Id.Length > 0 ? article.Id : IdOf(ids[nextId++]),
                Version = article.Version + 1,
                Sequence = sequences[i],
            })];
            _lastSequence = Math.Max(_lastSequence, sequences.Count > 0 ? sequences.Max() : 0);
            foreach (var article in numbered)
            {
                _inFlight.Add(article.Sequence);
            }

            return numbered;
        }
    }

    private void Done(IReadOnlyList<KnowledgeArticle> articles, bool committed)
    {
        long complete;
        lock (_lock)
        {
            foreach (var article in articles)
            {
                _inFlight.Remove(article.Sequence);
            }

            complete = _inFlight.Count > 0 ? _inFlight.Min - 1 : _lastSequence;
        }

        if (committed)
        {
            foreach (var listener in listeners)
            {
                listener.Committed(articles, complete);
            }
        }
    }

    private static string IdOf(long number) => IdPrefix + number.ToString("D6", CultureInfo.InvariantCulture);

    internal static long NumberOf(string id) =>
        id.StartsWith(IdPrefix, StringComparison.Ordinal) && long.TryParse(id.AsSpan(IdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
}

/// <summary>Where article ids and change sequences come from; called under <see cref="KnowledgeChanges"/>' lock.</summary>
internal interface IKnowledgeNumbers
{
    /// <summary>The next <paramref name="ids"/> article numbers and <paramref name="sequences"/> change sequences, each ascending.</summary>
    (IReadOnlyList<long> Ids, IReadOnlyList<long> Sequences) Take(int ids, int sequences);
}

/// <summary>Counters of this process, seeded from the file at start: a LiteDB file has one process writing it.</summary>
internal sealed class ProcessKnowledgeNumbers(long lastSequence, string? lastId) : IKnowledgeNumbers
{
    private long _lastSequence = lastSequence;
    private long _lastNumber = lastId is null ? 0 : KnowledgeChanges.NumberOf(lastId);

    public (IReadOnlyList<long> Ids, IReadOnlyList<long> Sequences) Take(int ids, int sequences) =>
        ([.. Enumerable.Range(0, ids).Select(_ => ++_lastNumber)], [.. Enumerable.Range(0, sequences).Select(_ => ++_lastSequence)]);
}
