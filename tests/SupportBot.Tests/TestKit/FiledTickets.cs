using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using SupportBot.Tickets;

namespace SupportBot.Tests.TestKit;

/// <summary>A filed ticket read back the way the desk reads it: over the admin API, not from the store.</summary>
internal static class FiledTickets
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<Ticket> TicketAsync(this SupportBotApplication app, string number)
    {
        var view = await app.CreateAdminClient().GetFromJsonAsync<JsonElement>($"/api/tickets/{number}");
        return view.GetProperty("ticket").Deserialize<Ticket>(Json)!;
    }
}
