using System.Diagnostics;
using SupportBot.Common;

namespace SupportBot.Tests.Hosting;

/// <summary>A bad configuration value stops the app with a message naming the key.</summary>
public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Sla:Deadlines:urgent:firstResponse", "five minutes")]
    [InlineData("Sla:Deadlines:high:verification", "-00:10:00")]
    [InlineData("Sla:NudgeAt", "1.5")]
    [InlineData("Sla:Calendars:china-office:TimeZone", "Mars/Olympus")]
    [InlineData("Sla:Calendars:china-office:Holidays:0", "2026-13-01")]
    [InlineData("Sla:Calendars:china-office:WorkingHours:Monday:0", "18:00-09:00")]
    [InlineData("Sla:PriorityCalendars:low", "night-shift")]
    [InlineData("Tickets:NumberPattern", "TS-{seq:000}")]
    [InlineData("Tickets:TimeZone", "Shanghai")]
    [InlineData("Tickets:Categories:2:Team", "astronomy")]
    [InlineData("Tickets:Categories:0:Names:zh-CN", "")]
    [InlineData("Roster:Teams:1:Members:0:Id", "")]
    [InlineData("Tickets:AskEnvironmentFor:0", "astrology")]
    public void Validate_ABadValue_IsReportedOnceUnderItsKey(string key, string value)
    {
        var failure = Record.Exception(() => SampleConfiguration.Services(TimeProvider.System, new Dictionary<string, string?> { [key] = value }).Dispose());

        var messages = ConfigurationFailures.From(Assert.IsAssignableFrom<Exception>(failure));
        Assert.NotNull(messages);
        var message = Assert.Single(messages);
        Assert.StartsWith(key + " ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithTheShippedConfiguration_Succeeds()
    {
        await using var app = new SupportBotApplication();

        var response = await app.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Start_RealProcessWithABadValue_ExitsWithOneLineNamingTheKey()
    {
        using var database = new TempDatabase();
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app, "--contentRoot", Path.GetDirectoryName(app)!, "--Sla:Deadlines:urgent:firstResponse=five minutes", $"--Storage:DatabasePath={database.Path}", "--Urls=http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("configuration is invalid", StringComparison.Ordinal));
        Assert.Contains("Sla:Deadlines:urgent:firstResponse", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
