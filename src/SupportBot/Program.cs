using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Hosting;
using SupportBot.Conversations;
using SupportBot.Describing;
using SupportBot.Hosting;
using SupportBot.Intake;
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
builder.Services.AddDescribing();
builder.Services.AddConversations();
builder.Services.AddIntake();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthChecks("/healthz");
app.MapTicketsApi();
app.MapDescriptionsApi();
app.MapBotMessages();

// Validate configuration before the host starts, so a bad value is one readable line naming the key
// rather than the host's own failure log with a stack trace.
try
{
    app.Services.GetRequiredService<IStartupValidator>().Validate();
}
catch (Exception failure) when (ConfigurationFailures.From(failure) is { } failures)
{
    app.Logger.InvalidConfiguration(failures);

    // The console logger writes on a background thread; disposing flushes it before the process ends.
    await app.DisposeAsync();
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
