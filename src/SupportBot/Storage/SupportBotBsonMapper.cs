using System.Globalization;
using LiteDB;
using SupportBot.Knowledge;
using SupportBot.Tickets;

namespace SupportBot.Storage;

/// <summary>
/// The one mapper for everything SupportBot stores. LiteDB's defaults lose data we care about: they store
/// empty strings as null, trim whitespace, keep a <see cref="DateTimeOffset"/> only as a UTC date to the
/// millisecond. Each of those is decided here, once.
/// </summary>
internal static class SupportBotBsonMapper
{
    public static BsonMapper Create()
    {
        var mapper = new BsonMapper
        {
            EmptyStringToNull = false,
            TrimWhitespace = false,
            SerializeNullValues = false,

            // Enums as their names: readable in the file and safe if members are ever reordered.
            EnumAsInteger = false,
        };

        // Full precision and the original offset; "utc" ticks sort chronologically, so it can be indexed.
        mapper.RegisterType(
            serialize: (DateTimeOffset value) => new BsonDocument
            {
                ["utc"] = value.UtcTicks,
                ["offset"] = (int)value.Offset.TotalMinutes,
            },
            deserialize: bson => new DateTimeOffset(bson["utc"].AsInt64, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(bson["offset"].AsInt32)));
        mapper.RegisterType(
            serialize: (DateOnly value) => new BsonValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            deserialize: bson => DateOnly.ParseExact(bson.AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        mapper.RegisterType(
            serialize: (TimeSpan value) => new BsonValue(value.Ticks),
            deserialize: bson => TimeSpan.FromTicks(bson.AsInt64));

        mapper.Entity<Ticket>().Id(ticket => ticket.Number, autoId: false);
        mapper.Entity<KnowledgeArticle>().Id(article => article.Id, autoId: false);

        // LiteDB would store any property called Id as "_id", even in a nested document; the reporter's id
        // is a plain field that the "my tickets" index reads.
        mapper.Entity<Reporter>().Field(reporter => reporter.Id, "Id");
        return mapper;
    }
}
