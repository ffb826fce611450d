using Npgsql;
using NpgsqlTypes;
using SupportBot.Common;
using SupportBot.Engineering;

namespace SupportBot.Storage.Postgres;

/// <summary>Card posts on PostgreSQL (<c>card_posts</c>, indexed by ticket number); a post recorded inside a turn joins its transaction.</summary>
internal sealed class PgCardPostStore(NpgsqlDataSource source, PgCommitQueue commits) : ICardPostStore
{
    public void Add(CardPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var json = PgJson.Write(post);
        if (TurnWork.Current is { } work)
        {
            work.Write(() => Insert(PgWrite.Current, post.Number, json));
            return;
        }

        commits.EnqueueAsync(write => { Insert(write, post.Number, json); return true; }).GetAwaiter().GetResult();
    }

    public IReadOnlyList<CardPost> For(string number)
    {
        using var command = source.CreateCommand("SELECT post::text FROM card_posts WHERE number = @number ORDER BY id");
        command.Parameters.AddWithValue("number", number);
        using var reader = command.ExecuteReader();
        var posts = new List<CardPost>();
        while (reader.Read())
        {
            posts.Add(PgJson.Read<CardPost>(reader.GetString(0)));
        }

        return posts;
    }

    /// <summary>A post as another store kept it (a moved LiteDB desk), in the open transaction.</summary>
    internal static void Import(PgWrite write, CardPost post) => Insert(write, post.Number, PgJson.Write(post));

    private static void Insert(PgWrite write, string number, string json)
    {
        using var command = write.Command("INSERT INTO card_posts (number, post) VALUES (@number, @post)", ("number", number));
        command.Parameters.Add(new NpgsqlParameter("post", NpgsqlDbType.Jsonb) { Value = json });
        command.ExecuteNonQuery();
    }
}
