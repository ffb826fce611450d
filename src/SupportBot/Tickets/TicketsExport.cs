using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Routing;

namespace SupportBot.Tickets;

/// <summary>
/// One ticket as the export writes it: every figure a weekly review is computed from, flat, so a desk can check the
/// review in a spreadsheet. Times are UTC ISO 8601; a deadline is "met", "late" or "open" (with the due time).
/// </summary>
internal sealed record TicketExportRow(
    string Number,
    string SubmittedAt,
    string Team,
    string Category,
    string Priority,
    string Status,
    string? Assignee,
    string? System,
    string? FirstResponseAt,
    string? AssignedAt,
    string? ResolvedAt,
    string? ClosedAt,
    int Reopened,
    string? Satisfaction,
    string? SatisfactionComment,
    string OfferedArticles,
    string Deadlines,
    string? Archive,
    string Title)
{
    public static TicketExportRow Of(Ticket ticket, IReadOnlyList<Deadline> deadlines)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(deadlines);
        var m = ticket.Milestones;
        return new TicketExportRow(
            ticket.Number, Iso(ticket.SubmittedAt)!, ticket.Team, ticket.Category, ticket.Priority.Key(), ticket.Status.ToString(), ticket.Assignee,
            ticket.AffectedSystem?.Name, Iso(m.FirstResponseAt), Iso(m.AssignedAt), Iso(m.ResolvedAt), Iso(m.ClosedAt),
            ticket.History.Count(e => e.What == HistoryKinds.Status && e.After == nameof(TicketStatus.Reopened)),
            ticket.Satisfaction?.Rating.ToString(), ticket.Satisfaction?.Comment, string.Join(' ', ticket.OfferedArticles),
            string.Join(';', deadlines.Select(d => $"{JsonNamingPolicy.CamelCase.ConvertName(d.Kind.ToString())}:{(d.IsOpen ? "open" : d.WasMetLate ? "late" : "met")}")),
            ticket.Archived?.Status,
            ticket.Title);
    }

    private static string? Iso(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

/// <summary><c>GET /api/tickets/export</c>: tickets submitted in a period as CSV or JSON lines, streamed as they are read.</summary>
internal static class TicketsExport
{
    private static readonly string[] Columns = [.. typeof(TicketExportRow).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];

    internal static Results<PushStreamHttpResult, ProblemHttpResult> Export(
        HttpContext context,
        [FromServices] ITicketStore store,
        [FromServices] TicketService tickets,
        [FromServices] SupportRoster roster,
        [FromServices] CategoryCatalog categories,
        [FromServices] IOptions<TicketsOptions> options,
        [FromServices] TimeProvider time)
    {
        var query = context.Request.Query;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        var format = query["format"].ToString() is { Length: > 0 } asked ? asked : "csv";
        if (format is not ("csv" or "jsonl"))
        {
            return Problem("Unknown format", "format must be csv or jsonl.");
        }

        if (!TryInstant(query["from"], zone, out var from) || !TryInstant(query["to"], zone, out var to))
        {
            return Problem("Bad period", "from and to are dates (2026-11-23, in the desk's time zone) or ISO 8601 instants.");
        }

        // Without an end, up to and including this instant: a ticket submitted just now is exported.
        var end = to ?? time.GetUtcNow().AddTicks(1);
        var start = from ?? end.AddDays(-7);
        if (start >= end)
        {
            return Problem("Bad period", "from must be before to.");
        }

        var team = query["team"].ToString();
        if (team.Length > 0 && roster.FindTeam(team) is null)
        {
            return Problem("Unknown team", $"There is no team '{team}'.");
        }

        var category = query["category"].ToString();
        if (category.Length > 0 && !categories.Contains(category))
        {
            return Problem("Unknown category", $"There is no category '{category}'.");
        }

        var rows = store.SubmittedBetween(start, end)
            .Where(ticket => (team.Length == 0 || ticket.Team == team) && (category.Length == 0 || string.Equals(ticket.Category, category, StringComparison.OrdinalIgnoreCase)))
            .Select(ticket => TicketExportRow.Of(ticket, tickets.DeadlinesOf(ticket)));
        return format == "csv"
            ? TypedResults.Stream(body => WriteCsvAsync(body, rows), "text/csv; charset=utf-8", "tickets.csv")
            : TypedResults.Stream(body => WriteJsonLinesAsync(body, rows), "application/x-ndjson", "tickets.jsonl");
    }

    private static async Task WriteCsvAsync(Stream body, IEnumerable<TicketExportRow> rows)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteAsync(string.Join(',', Columns) + "\r\n");
        foreach (var row in rows)
        {
            var values = typeof(TicketExportRow).GetProperties().Select(p => Convert.ToString(p.GetValue(row), CultureInfo.InvariantCulture));
            await writer.WriteAsync(string.Join(',', values.Select(Cell)) + "\r\n");
        }
    }

    private static async Task WriteJsonLinesAsync(Stream body, IEnumerable<TicketExportRow> rows)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var row in rows)
        {
            await JsonSerializer.SerializeAsync(body, row, json);
            await body.WriteAsync("\n"u8.ToArray());
        }
    }

    /// <summary>
    /// One CSV cell (RFC 4180). A reporter's title starting with = + - @ would run as a formula in a spreadsheet:
    /// such a cell gets a leading apostrophe, which spreadsheets read as "text".
    /// </summary>
    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static bool TryInstant(string? text, TimeZoneInfo zone, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var midnight = day.ToDateTime(TimeOnly.MinValue);
            at = new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant) && text.Contains('T', StringComparison.Ordinal))
        {
            at = instant;
            return true;
        }

        return false;
    }

    private static ProblemHttpResult Problem(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);
}
