using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SupportBot.Hosting;
using SupportBot.Storage;
using SupportBot.Tickets;

var builder = WebApplication.CreateBuilder(args);

// Infrastructure: the one clock, problem+json errors, JSON with enum names.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);

// Features
builder.Services.AddLiteDbStorage();
builder.Services.AddTickets();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthChecks("/healthz");
app.MapTicketsApi();

try
{
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException invalid)
{
    // One readable line naming the bad key(s), rather than a stack trace.
    app.Logger.InvalidConfiguration(invalid.Failures);
    return 1;
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
