using LiteDB;

namespace SupportBot.Storage;

internal static class LiteDbCollections
{
    /// <summary>
    /// Creates a collection before anyone reads it. A collection that first appears inside the commit queue's open
    /// transaction can be read half-made by another thread (LiteDB: "page type must be collection page").
    /// </summary>
    public static ILiteCollection<BsonDocument> Existing(ILiteDatabase database, string name)
    {
        var collection = database.GetCollection(name);
        if (!database.CollectionExists(name))
        {
            collection.Insert(new BsonDocument { ["_id"] = "\u0000created" });
            collection.Delete("\u0000created");
        }

        return collection;
    }
}
