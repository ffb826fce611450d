using Npgsql;
using NpgsqlTypes;
using SupportBot.BotFramework.State;
using SupportBot.Knowledge;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Knowledge articles on PostgreSQL (<c>articles</c>). Inside a turn a save joins the turn's transaction; outside one
/// it is committed on its own. A change is checked against the stored version in the <c>UPDATE</c>'s <c>WHERE</c>, so
/// a save from a stale read is a conflict. Listeners hear of a save only after it committed (<see cref="KnowledgeChanges"/>).
/// Ids and change sequences come from the database's sequences (Migrations/0013), so instances sharing it never give
/// one twice. Every save also NOTIFYs <see cref="Channel"/> in its own transaction, so the other instances sharing
/// the database hear of it exactly when it commits (<see cref="PgKnowledgeListener"/>) and index it too.
/// </summary>
internal sealed class PgKnowledgeStore : IKnowledgeStore
{
    /// <summary>Where saves are announced; the payload is <c>origin|article id</c>.</summary>
    public const string Channel = "supportbot_knowledge";

    private const string InsertSql = "INSERT INTO articles (id, version, sequence, article) VALUES (@id, @version, @sequence, @article)";

    private readonly NpgsqlDataSource _source;
    private readonly PgCommitQueue _commits;
    private readonly KnowledgeChanges _changes;

    public PgKnowledgeStore(NpgsqlDataSource source, PgCommitQueue commits, IEnumerable<IKnowledgeChangeListener> listeners)
    {
        _source = source;
        _commits = commits;
        _changes = new KnowledgeChanges(listeners, LastSequence(), new SequenceNumbers(source));
    }

    /// <summary>This store's own mark on its notices: its own saves are indexed here already, so its listener skips them.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N", System.Globalization.CultureInfo.InvariantCulture);

    public KnowledgeArticle? Find(string id) => Read("SELECT article::text FROM articles WHERE id = @id", ("id", id)).FirstOrDefault();

    public async Task<KnowledgeArticle?> SaveAsync(KnowledgeArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var isNew = article.Id.Length == 0;
        if (!isNew && Find(article.Id)?.Version != article.Version)
        {
            return null;
        }

        var saved = await _changes.CommitAsync([article], write: numbered =>
        {
            if (isNew)
            {
                Write(numbered, InsertSql);
            }
            else if (Write(numbered, "UPDATE articles SET version = @version, sequence = @sequence, article = @article WHERE id = @id AND version = @version - 1") == 0)
            {
                throw new StorageConflictException($"Article {numbered.Id} changed before this save committed.");
            }

            Announce(numbered);
        }, CommitAlone);
        return saved[0];
    }

    public Task<IReadOnlyList<KnowledgeArticle>> ImportAsync(IReadOnlyList<KnowledgeArticle> articles)
    {
        return _changes.ImportAsync(articles, write: article =>
        {
            Write(article, InsertSql);
            Announce(article);
        }, CommitAlone);
    }

    public IEnumerable<KnowledgeArticle> All() => Read("SELECT article::text FROM articles ORDER BY id");

    public IEnumerable<KnowledgeArticle> ChangedSince(long sequence) =>
        Read("SELECT article::text FROM articles WHERE sequence > @sequence ORDER BY sequence", ("sequence", sequence));

    /// <summary>
    /// Articles as another store kept them (a moved LiteDB desk: ids, versions and change sequences unchanged, so a search
    /// index built from them stays in step), in the open transaction; then the id and sequence counters go on after them.
    /// </summary>
    /// <remarks>setval is not undone by a rollback: a move that fails after it leaves the counters ahead, which only skips numbers.</remarks>
    internal static int Import(PgWrite write, IEnumerable<KnowledgeArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(articles);
        var count = 0;
        foreach (var article in articles)
        {
            Write(article, InsertSql);
            count++;
        }

        // The same seeding as Migrations/0013, now that the articles are there.
        write.Execute("SELECT setval('article_numbers', coalesce((SELECT max(substring(id FROM 4)::bigint) FROM articles WHERE id ~ '^KB-[0-9]+$'), 0) + 1, false)");
        write.Execute("SELECT setval('article_sequence', coalesce((SELECT max(sequence) FROM articles), 0) + 1, false)");
        return count;
    }

    /// <summary>The highest change sequence committed so far (0 for none).</summary>
    public long LastSequence()
    {
        using var last = _source.CreateCommand("SELECT coalesce(max(sequence), 0) FROM articles");
        return (long)last.ExecuteScalar()!;
    }

    /// <summary>Delivered by PostgreSQL when the transaction commits, and not at all when it rolls back.</summary>
    private void Announce(KnowledgeArticle article) =>
        PgWrite.Current.Execute("SELECT pg_notify(@channel, @payload)", ("channel", Channel), ("payload", $"{Origin}|{article.Id}"));

    private Task CommitAlone(Action write) => _commits.EnqueueAsync(_ => { write(); return true; });

    private static int Write(KnowledgeArticle article, string sql)
    {
        using var command = PgWrite.Current.Command(sql, ("id", article.Id), ("version", article.Version), ("sequence", article.Sequence));
        command.Parameters.Add(new NpgsqlParameter("article", NpgsqlDbType.Jsonb) { Value = PgJson.Write(article) });
        return command.ExecuteNonQuery();
    }

    private List<KnowledgeArticle> Read(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = _source.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var articles = new List<KnowledgeArticle>();
        while (reader.Read())
        {
            articles.Add(PgJson.Read<KnowledgeArticle>(reader.GetString(0)));
        }

        return articles;
    }

    /// <summary>Article numbers and change sequences from <c>article_numbers</c> and <c>article_sequence</c>: one round trip per save.</summary>
    private sealed class SequenceNumbers(NpgsqlDataSource source) : IKnowledgeNumbers
    {
        public (IReadOnlyList<long> Ids, IReadOnlyList<long> Sequences) Take(int ids, int sequences)
        {
            using var command = source.CreateCommand(
                """
                SELECT ARRAY(SELECT nextval('article_numbers') FROM generate_series(1, @ids)),
                       ARRAY(SELECT nextval('article_sequence') FROM generate_series(1, @sequences))
                """);
            command.Parameters.AddWithValue("ids", ids);
            command.Parameters.AddWithValue("sequences", sequences);
            using var reader = command.ExecuteReader();
            reader.Read();
            return ([.. reader.GetFieldValue<long[]>(0).Order()], [.. reader.GetFieldValue<long[]>(1).Order()]);
        }
    }
}
