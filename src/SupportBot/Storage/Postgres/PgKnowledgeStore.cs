using Npgsql;
using NpgsqlTypes;
using SupportBot.BotFramework.State;
using SupportBot.Knowledge;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Knowledge articles on PostgreSQL (<c>articles</c>). Inside a turn a save joins the turn's transaction; outside one
/// it is committed on its own. A change is checked against the stored version in the <c>UPDATE</c>'s <c>WHERE</c>, so
/// a save from a stale read is a conflict. Listeners hear of a save only after it committed (<see cref="KnowledgeChanges"/>).
/// </summary>
internal sealed class PgKnowledgeStore : IKnowledgeStore
{
    private readonly NpgsqlDataSource _source;
    private readonly PgCommitQueue _commits;
    private readonly KnowledgeChanges _changes;

    public PgKnowledgeStore(NpgsqlDataSource source, PgCommitQueue commits, IEnumerable<IKnowledgeChangeListener> listeners)
    {
        _source = source;
        _commits = commits;
        using var last = source.CreateCommand("SELECT coalesce(max(sequence), 0), max(id) FROM articles");
        using var reader = last.ExecuteReader();
        reader.Read();
        _changes = new KnowledgeChanges(listeners, reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

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
                Write(numbered, "INSERT INTO articles (id, version, sequence, article) VALUES (@id, @version, @sequence, @article)");
            }
            else if (Write(numbered, "UPDATE articles SET version = @version, sequence = @sequence, article = @article WHERE id = @id AND version = @version - 1") == 0)
            {
                throw new StorageConflictException($"Article {numbered.Id} changed before this save committed.");
            }
        }, CommitAlone);
        return saved[0];
    }

    public Task<IReadOnlyList<KnowledgeArticle>> ImportAsync(IReadOnlyList<KnowledgeArticle> articles)
    {
        return _changes.ImportAsync(articles, write: article => Write(article, "INSERT INTO articles (id, version, sequence, article) VALUES (@id, @version, @sequence, @article)"), CommitAlone);
    }

    public IEnumerable<KnowledgeArticle> All() => Read("SELECT article::text FROM articles ORDER BY id");

    public IEnumerable<KnowledgeArticle> ChangedSince(long sequence) =>
        Read("SELECT article::text FROM articles WHERE sequence > @sequence ORDER BY sequence", ("sequence", sequence));

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
}
