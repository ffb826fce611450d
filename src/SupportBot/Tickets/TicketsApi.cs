using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SupportBot.Common;
using SupportBot.Tickets.Deadlines;
using SupportBot.Tickets.Numbering;

namespace SupportBot.Tickets;

/// <summary>Read-only ticket endpoints for administrators' tools, behind the admin API key.</summary>
internal static class TicketsApi
{
    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var admin = endpoints.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value;
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TicketsApi));
        if (!admin.Enabled)
        {
            logger.AdminApiOff($"{AdminOptions.SectionName}:ApiKey");
            return endpoints;
        }

        var group = endpoints.MapGroup("/api/tickets").AddEndpointFilter<AdminApiKeyFilter>();
        group.MapGet("/export", TicketsExport.Export);
        group.MapGet("/{number}", GetTicket);
        group.MapGet("/", ListTickets);
        return endpoints;
    }

    private static Results<Ok<TicketView>, ProblemHttpResult> GetTicket(string number, [FromServices] TicketService tickets, [FromServices] TicketNumberFormat numbers)
    {
        if (!numbers.TryParse(number, out var canonical))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed ticket number",
                detail: $"'{number}' is not a ticket number; expected the format {numbers.Example}.");
        }

        return tickets.Find(canonical) is { } ticket
            ? TypedResults.Ok(TicketView.Of(ticket, tickets.DeadlinesOf(ticket)))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Ticket not found", detail: $"There is no ticket {canonical}.");
    }

    private static Results<Ok<IReadOnlyList<TicketView>>, ProblemHttpResult> ListTickets(
        [FromServices] TicketService tickets, [FromServices] ITicketStore store, string? status, string? team, string? assignee, int? limit)
    {
        TicketStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<TicketStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Unknown status",
                    detail: $"'{status}' is not a status; use one of {string.Join(", ", Enum.GetNames<TicketStatus>())}.");
            }

            wanted = parsed;
        }

        if (limit is < 1 or > 1000)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad limit", detail: "limit must be between 1 and 1000.");
        }

        var found = store.Query(new TicketQuery { Status = wanted, Team = team, Assignee = assignee, Limit = limit ?? 100 });
        return TypedResults.Ok<IReadOnlyList<TicketView>>([.. found.Select(ticket => TicketView.Of(ticket, tickets.DeadlinesOf(ticket)))]);
    }
}

/// <summary>A ticket as the admin API shows it: the stored ticket plus its computed deadlines.</summary>
internal sealed record TicketView(Ticket Ticket, IReadOnlyList<Deadline> Deadlines)
{
    /// <summary>"archived KB-000012", "archived, no article", or, for a closed ticket still to be archived, "to archive".</summary>
    public string? ArchiveStatus => Ticket.Archived?.Status ?? (Ticket.Status == TicketStatus.Closed ? "to archive" : null);

    public static TicketView Of(Ticket ticket, IReadOnlyList<Deadline> deadlines) => new(ticket, deadlines);
}
