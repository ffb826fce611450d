using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using SupportBot.Localization;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SupportBot.Knowledge.Search;

/// <summary>
/// The articles' search index: Lucene in a folder of its own, derived from the store and never the source of truth.
/// Saves reach it after they commit (<see cref="IKnowledgeChangeListener"/>); each Lucene commit records the store's
/// change sequence it is complete up to, so a restart indexes only what changed after that (a crash between a save
/// and the next index commit costs a few re-indexed articles, never a full rebuild). A missing or damaged folder is
/// rebuilt from the store.
/// </summary>
internal sealed partial class KnowledgeIndex : IKnowledgeSearch, IKnowledgeChangeListener, IDisposable
{
    private const string SequenceKey = "sequence";
    private const int MaxQueryTerms = 200;
    private const int SnippetLength = 160;

    private readonly BilingualAnalyzer _analyzer = new();
    private readonly KnowledgeSlots _slots;
    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _commitLock = new();
    private long _complete;
    private bool _dirty;

    public KnowledgeIndex(string folder, KnowledgeSlots slots, ILogger<KnowledgeIndex> log)
    {
        _slots = slots;
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
        var query = KnowledgeQuery.Build(terms, slots, _analyzer);
        if (query.Clauses.Count == 0)
        {
            return [];
        }

        var searcher = _searchers.Acquire();
        try
        {
            var found = searcher.Search(query, top);
            return [.. found.ScoreDocs.Select(hit => HitOf(searcher.Doc(hit.Doc), hit.Score, terms, slots))];
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        Commit();
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    private void Add(KnowledgeArticle article)
    {
        var text = article.Text;
        var slots = _slots.Of($"{text.Title}\n{text.Problem}", article.Language, text.System);
        var document = new Document
        {
            new StringField(KnowledgeFields.Id, article.Id, Field.Store.YES),
            new TextField(KnowledgeFields.Title, text.Title, Field.Store.YES),
            new TextField(KnowledgeFields.Body, string.Join('\n', [text.Problem, text.Cause ?? "", text.Solution, .. text.Tags]), Field.Store.NO),
            new StoredField(KnowledgeFields.Problem, text.Problem),
            new StringField(KnowledgeFields.Language, article.Language, Field.Store.YES),
        };
        if (slots.System is { } system)
        {
            document.Add(new StringField(KnowledgeFields.System, system, Field.Store.YES));
        }

        if (slots.ErrorCode is { } code)
        {
            document.Add(new StringField(KnowledgeFields.Code, code, Field.Store.YES));
            document.Add(new StringField(KnowledgeFields.SystemCode, $"{slots.System}|{code}", Field.Store.NO));
        }

        if (slots.Symptom is { } symptom)
        {
            document.Add(new TextField(KnowledgeFields.Symptom, symptom, Field.Store.NO));
        }

        if (article.Tickets.Count > 0)
        {
            document.Add(new StoredField(KnowledgeFields.Ticket, article.Tickets[0]));
        }

        _writer.UpdateDocument(new Term(KnowledgeFields.Id, article.Id), document);
        _dirty = true;
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

    private KnowledgeHit HitOf(Document document, float score, IReadOnlyList<string> terms, SearchSlots slots)
    {
        var title = document.Get(KnowledgeFields.Title, CultureInfo.InvariantCulture);
        var problem = document.Get(KnowledgeFields.Problem, CultureInfo.InvariantCulture) ?? "";
        var system = document.Get(KnowledgeFields.System, CultureInfo.InvariantCulture);
        var confidence = KnowledgeQuery.Confidence(terms, _analyzer.Terms($"{title}\n{problem}"), slots, system, document.Get(KnowledgeFields.Code, CultureInfo.InvariantCulture));
        var snippet = problem.Length <= SnippetLength ? problem : problem[..SnippetLength] + "…";
        return new KnowledgeHit(document.Get(KnowledgeFields.Id, CultureInfo.InvariantCulture), title, score, confidence, system, document.Get(KnowledgeFields.Ticket, CultureInfo.InvariantCulture), snippet, document.Get(KnowledgeFields.Language, CultureInfo.InvariantCulture));
    }

    private static (LuceneDirectory, IndexWriter) Open(string folder, ILogger log)
    {
        try
        {
            return OpenWriter(folder);
        }
        catch (Exception damaged) when (damaged is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException or IOException)
        {
            // Derived data: a folder that cannot be read is rebuilt from the store (the catch-up starts from sequence 0).
            RebuildingIndex(log, damaged, folder);
            System.IO.Directory.Delete(folder, recursive: true);
            return OpenWriter(folder);
        }
    }

    private static (LuceneDirectory, IndexWriter) OpenWriter(string folder)
    {
        var directory = FSDirectory.Open(folder);
        var config = new IndexWriterConfig(BilingualAnalyzer.Version, new BilingualAnalyzer())
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = new BM25Similarity(),
        };
        try
        {
            return (directory, new IndexWriter(directory, config));
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    private sealed class Bm25Searchers : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The knowledge index in {Folder} could not be opened; rebuilding it from the store")]
    private static partial void RebuildingIndex(ILogger logger, Exception error, string folder);
}

internal static class KnowledgeFields
{
    public const string Id = "id";
    public const string Title = "title";
    public const string Body = "body";
    public const string Problem = "problem";
    public const string Language = "lang";
    public const string System = "system";
    public const string Code = "code";
    public const string SystemCode = "syscode";
    public const string Symptom = "symptom";
    public const string Ticket = "ticket";
}
