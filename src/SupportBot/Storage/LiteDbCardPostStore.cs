using LiteDB;
using SupportBot.Engineering;
using SupportBot.Common;

namespace SupportBot.Storage;

/// <summary>
/// Card posts in LiteDB, indexed by ticket number: every copy can be refreshed after a restart. A post recorded
/// inside a turn joins the turn's transaction.
/// </summary>
internal sealed class LiteDbCardPostStore : ICardPostStore
{
    private const string CollectionName = "cardposts";

    private readonly ILiteDatabase _database;

    public LiteDbCardPostStore(ILiteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        LiteDbCollections.Existing(database, CollectionName);
        Posts.EnsureIndex(post => post.Number);
    }

    private ILiteCollection<CardPost> Posts => _database.GetCollection<CardPost>(CollectionName, BsonAutoId.ObjectId);

    public void Add(CardPost post)
    {
        if (TurnWork.Current is { } work)
        {
            work.Write(() => Posts.Insert(post));
            return;
        }

        Posts.Insert(post);
    }

    /// <summary>Every post in the order they were recorded: what a move to another engine copies.</summary>
    internal static IEnumerable<CardPost> All(ILiteDatabase database) =>
        database.GetCollection<CardPost>(CollectionName, BsonAutoId.ObjectId).Query().OrderBy("_id").ToEnumerable();

    public IReadOnlyList<CardPost> For(string number) => [.. Posts.Find(post => post.Number == number)];
}
