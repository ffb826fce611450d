using LiteDB;
using SupportBot.Tickets.Numbering;

namespace SupportBot.Storage;

/// <summary>
/// Where ticket numbers are kept: each day's last serial (<c>sequences</c>) and a row per serial used (<c>numbers</c>),
/// written in the same transaction as the ticket that carries the number. Serials are handed out by
/// <see cref="Serials"/>, which learns each day's used serials from these rows once.
/// </summary>
/// <remarks>
/// A creation that rolls back gives its serial back, and the reporter hears a number only after the commit (the turn's
/// replies wait for it), so no number is issued twice and none is left out; the unique serial row would refuse a
/// second use even so.
/// </remarks>
internal sealed class LiteDbTicketNumbers
{
    private const string SequencesCollection = "sequences";
    private const string NumbersCollection = "numbers";
    private const string DayFormat = "yyyy-MM-dd";

    private readonly ILiteDatabase _database;

    public LiteDbTicketNumbers(ILiteDatabase database)
    {
        _database = database;
        LiteDbCollections.Existing(database, SequencesCollection);
        LiteDbCollections.Existing(database, NumbersCollection);
        Serials = new DailySerials(day => (LastSerial(day), [.. Numbers.Find(LiteFilter.Where.StartsWith("_id", DayKey(day) + "|").Expression()).SelectMany(SerialsOf)]));
    }

    public DailySerials Serials { get; }

    private ILiteCollection<BsonDocument> Sequences => _database.GetCollection(SequencesCollection);

    private ILiteCollection<BsonDocument> Numbers => _database.GetCollection(NumbersCollection);

    /// <summary>
    /// A database from before the <c>numbers</c> rows (serials then were taken under a lock, without holes): each day
    /// it numbered is recorded as used up to its last serial, once.
    /// </summary>
    public static void RecordLegacySerials(ILiteDatabase database)
    {
        var numbers = database.GetCollection(NumbersCollection);
        if (numbers.Count() > 0)
        {
            return;
        }

        foreach (var sequence in database.GetCollection(SequencesCollection).FindAll())
        {
            numbers.Insert(new BsonDocument { ["_id"] = $"{sequence["_id"].AsString}|legacy", ["upTo"] = sequence["last"].AsInt32 });
        }
    }

    /// <summary>Records <paramref name="serial"/> of <paramref name="day"/> as used by <paramref name="number"/>, inside the caller's transaction.</summary>
    public void Use(DateOnly day, int serial, string number)
    {
        if (LastSerial(day) < serial)
        {
            Sequences.Upsert(new BsonDocument { ["_id"] = DayKey(day), ["last"] = serial });
        }

        Numbers.Insert(new BsonDocument { ["_id"] = $"{DayKey(day)}|{serial}", ["serial"] = serial, ["number"] = number });
    }

    /// <summary>
    /// Every serial used, day by day, with the number that used it (none for the serials of a day from before the rows
    /// existed), and each day's last serial: what a move to another engine copies so numbering goes on without a gap.
    /// </summary>
    internal static IEnumerable<(DateOnly Day, int Serial, string? Number)> Used(ILiteDatabase database) =>
        database.GetCollection(NumbersCollection).FindAll().SelectMany(row =>
        {
            var day = Day(row["_id"].AsString.Split('|')[0]);
            var number = row.TryGetValue("number", out var used) && used.IsString ? used.AsString : null;
            return SerialsOf(row).Select(serial => (day, serial, number));
        });

    /// <inheritdoc cref="Used"/>
    internal static IEnumerable<(DateOnly Day, int Last)> Days(ILiteDatabase database) =>
        database.GetCollection(SequencesCollection).FindAll().Select(row => (Day(row["_id"].AsString), row["last"].AsInt32));

    private static DateOnly Day(string key) => DateOnly.ParseExact(key, DayFormat, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The last serial handed out for <paramref name="day"/> (0 before the first).</summary>
    public int LastSerial(DateOnly day) => Sequences.ByKey(DayKey(day))?["last"].AsInt32 ?? 0;

    /// <summary>The serials a <c>numbers</c> row stands for: its own, or all up to a day's last from before the rows existed.</summary>
    private static IEnumerable<int> SerialsOf(BsonDocument row) =>
        row.TryGetValue("upTo", out var upTo) ? Enumerable.Range(1, upTo.AsInt32) : [row["serial"].AsInt32];

    private static string DayKey(DateOnly day) => day.ToString(DayFormat, System.Globalization.CultureInfo.InvariantCulture);
}
