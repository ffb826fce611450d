namespace SupportBot.Knowledge.Search;

/// <summary>
/// One article found. <see cref="Score"/> ranks (the index's own scale); <see cref="Confidence"/> (0–1) says how surely it
/// is the same problem, from the slots it shares with the query and how many of the query's words it has.
/// </summary>
internal sealed record KnowledgeHit(string Id, string Title, double Score, double Confidence, string? System, string? Ticket, string Snippet, string Language);

/// <summary>
/// Search over the articles. Lucene over a folder beside the database implements it for LiteDB; a PostgreSQL engine
/// can implement it with its own text search.
/// </summary>
internal interface IKnowledgeSearch
{
    IReadOnlyList<KnowledgeHit> Search(string text, string locale, int top);

    /// <summary>Other tickets of the same team most like <paramref name="ticket"/>, best first.</summary>
    IReadOnlyList<SimilarTicket> SimilarTickets(Tickets.Ticket ticket, int top);
}

/// <summary>A ticket like another one, for the engineer's card ("known cases").</summary>
internal sealed record SimilarTicket(string Number, string Title, double Confidence, DateTimeOffset SubmittedAt);
