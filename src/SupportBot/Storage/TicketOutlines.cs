using LiteDB;
using SupportBot.Tickets;

namespace SupportBot.Storage;

/// <summary>
/// Reads <see cref="TicketOutline"/>s out of the tickets collection through an index range. The select names only the
/// top-level fields the outline needs, so LiteDB deserialises just those of each document (not the reporter, the logs,
/// the attachments), and the outline is built from them by hand: mapping 40,000 whole tickets was most of a review.
/// </summary>
internal static class TicketOutlines
{
    private const string Projection =
        "{ _id: $._id, SubmittedAt: $.SubmittedAt, Title: $.Title, Category: $.Category, Priority: $.Priority, Status: $.Status, Team: $.Team, "
        + "Description: $.Description.Specific, Slots: $.Description.Slots, System: $.AffectedSystem.Name, Milestones: $.Milestones, Incomplete: $.Incomplete, "
        + "Satisfaction: $.Satisfaction, History: $.History }";

    public static IEnumerable<TicketOutline> Read(ILiteDatabase database, string timeKey, DateTimeOffset from, DateTimeOffset to, bool ordered)
    {
        var query = database.GetCollection("tickets").Query().Where(LiteFilter.Where.Between(timeKey, from.UtcTicks, to.UtcTicks - 1).Expression());
        var mapper = database.Mapper;
        return (ordered ? query.OrderBy(timeKey) : query).Select(Projection).ToEnumerable().Select(row => Outline(mapper, row));
    }

    private static TicketOutline Outline(BsonMapper mapper, BsonDocument row) => new()
    {
        Number = row["_id"].AsString,
        SubmittedAt = mapper.Deserialize<DateTimeOffset>(row["SubmittedAt"]),
        Title = row["Title"].AsString,
        Category = row["Category"].AsString,
        Priority = Enum.Parse<Priority>(row["Priority"].AsString),
        Status = Enum.Parse<TicketStatus>(row["Status"].AsString),
        Team = row["Team"].AsString,
        Description = row["Description"].AsString,
        System = row["System"].IsNull ? null : row["System"].AsString,
        Slots = row["Slots"].IsDocument ? mapper.ToObject<ProblemSlots>(row["Slots"].AsDocument) : null,
        Milestones = row["Milestones"].IsDocument ? mapper.ToObject<TicketMilestones>(row["Milestones"].AsDocument) : new TicketMilestones(),
        Incomplete = row["Incomplete"].IsDocument ? mapper.ToObject<InformationGap>(row["Incomplete"].AsDocument) : null,
        Satisfaction = row["Satisfaction"].IsDocument ? mapper.ToObject<Satisfaction>(row["Satisfaction"].AsDocument) : null,
        History = row["History"].IsArray ? TimelineLines(mapper, row["History"].AsArray) : [],
    };

    /// <summary>Only the lines the outline keeps are mapped; a ticket's reminder records can outnumber them many times.</summary>
    private static List<HistoryEntry> TimelineLines(BsonMapper mapper, BsonArray history)
    {
        var lines = new List<HistoryEntry>();
        foreach (var entry in history)
        {
            if (entry.IsDocument && entry.AsDocument["What"] is { IsString: true } what && TicketOutline.IsTimelineLine(what.AsString))
            {
                lines.Add(mapper.ToObject<HistoryEntry>(entry.AsDocument));
            }
        }

        return lines;
    }
}
