namespace SupportBot.Tickets;

/// <summary>
/// <c>GET /files/{id}</c>: a file kept with a ticket. Like a web chat upload's link, the link is the permission: the
/// id is 128 random bits, and only those who are shown the ticket get it (its reporter in their chat, the engineers
/// of its team on its card). A browser opening a link from a Teams card has no identity to check here.
/// </summary>
internal static class TicketFilesApi
{
    private const string Prefix = "/files/";

    /// <summary>The link to a kept file on the server that answered <paramref name="origin"/> (scheme, host and port).</summary>
    public static string Link(Uri origin, string id)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return origin.GetLeftPart(UriPartial.Authority) + Prefix + id;
    }

    public static IEndpointRouteBuilder MapTicketFiles(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Prefix + "{id}", Get);
        return endpoints;
    }

    private static IResult Get(HttpContext http, string id, ITicketFiles files)
    {
        // Served as the type it was checked as when uploaded, never sniffed into HTML, and running nothing.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        if (files.Open(id) is not { } file)
        {
            return Results.NotFound();
        }

        var inline = file.ContentType.StartsWith("image/", StringComparison.Ordinal) || file.ContentType.StartsWith("video/", StringComparison.Ordinal);
        return Results.Stream(file.Content, file.ContentType, fileDownloadName: inline ? null : file.Name);
    }
}
