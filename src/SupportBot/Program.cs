using Microsoft.Extensions.Options;
using SupportBot.Hosting;
using SupportBot.Storage;
using SupportBot.Common;

// A one-shot command instead of the service: copy a stopped LiteDB desk into PostgreSQL (README, "Moving a desk").
if (SupportBot.Storage.Moving.MoveToPostgreSql.IsNamedIn(args))
{
    return await SupportBot.Storage.Moving.MoveToPostgreSql.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSupportBot(builder.Configuration);

var app = builder.Build();
app.MapSupportBot();

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

// Open the data file before the host starts, for the same reason: a read-only directory, a file another process
// holds or a damaged file is one line naming the file.
try
{
    app.Services.OpenStorage();
}
catch (StorageUnavailableException unavailable)
{
    app.Logger.StorageUnavailable(unavailable.Message);
    await app.DisposeAsync();
    return 2;
}

// Whatever still runs past Shutdown:Timeout (and a short margin) does not keep the process: see ShutdownDeadline.
using var deadline = SupportBot.Operations.ShutdownDeadline.Arm(app);
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
