using LiteDB;
using SupportBot.Engineering;

namespace SupportBot.Storage;

/// <summary>Card posts in LiteDB, indexed by ticket number: every copy can be refreshed after a restart.</summary>
public sealed class LiteDbCardPostStore : ICardPostStore
{
    private readonly ILiteCollection<CardPost> _posts;

    public LiteDbCardPostStore(ILiteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        LiteDbCollections.Existing(database, "cardposts");
        _posts = database.GetCollection<CardPost>("cardposts", BsonAutoId.ObjectId);
        _posts.EnsureIndex(post => post.Number);
    }

    public void Add(CardPost post) => _posts.Insert(post);

    public IReadOnlyList<CardPost> For(string number) => [.. _posts.Find(post => post.Number == number)];
}
