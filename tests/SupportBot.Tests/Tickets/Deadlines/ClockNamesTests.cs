using Microsoft.Extensions.Configuration;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;

namespace SupportBot.Tests.Tickets.Deadlines;

/// <summary>
/// Each clock's owner is in its configuration name (issue 21 item 5): <c>contactReporter</c> is support's, <c>reporterAnswer</c>
/// the reporter's. A configuration written before the rename (<c>informationRequest</c>, no <c>contactReporter</c>) still starts.
/// </summary>
public sealed class ClockNamesTests
{
    [Fact]
    public void The_old_name_of_the_reporters_clock_still_counts_and_supports_contact_clock_defaults_to_one_hour()
    {
        var options = SampleConfiguration.Load().GetSection(SlaOptions.SectionName).Get<SlaOptions>()!;
        foreach (var table in options.Deadlines.Values)
        {
            (table.InformationRequest, table.ReporterAnswer, table.ContactReporter) = ("2h", null, null);
        }

        var errors = new List<string>();
        var policy = SlaPolicyBuilder.TryBuild(options, errors);

        Assert.Empty(errors);
        Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromHours(1)), (policy!.SpansFor(Priority.Medium).InformationRequest, policy.SpansFor(Priority.Medium).ContactReporter));
    }

    [Fact]
    public void The_new_name_wins_and_a_bad_value_is_named_by_its_new_key()
    {
        var options = SampleConfiguration.Load().GetSection(SlaOptions.SectionName).Get<SlaOptions>()!;
        options.Deadlines["low"].InformationRequest = "2h";
        options.Deadlines["low"].ReporterAnswer = "3h";
        options.Deadlines["high"].ContactReporter = "soon";

        var errors = new List<string>();
        SlaPolicyBuilder.TryBuild(options, errors);
        Assert.Equal(["Sla:Deadlines:high:contactReporter must be a positive duration such as 00:15:00, 15m or 4h, not 'soon'."], errors);

        options.Deadlines["high"].ContactReporter = "30m";
        Assert.Equal(TimeSpan.FromHours(3), SlaPolicyBuilder.TryBuild(options, errors)!.SpansFor(Priority.Low).InformationRequest);
    }
}
